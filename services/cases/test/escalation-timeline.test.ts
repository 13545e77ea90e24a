/**
 * Automatic escalation on the local cloud leaves its mark on the case timeline: the breach that
 * raises the priority and the escalation to the escalation desk 24 h later each add one entry (who:
 * the SLA service; what moved from what to what; why) to GET /v1/cases/{id}, exactly once however
 * often the sweep runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor, withoutSchedules } from '../../../test/support/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  // the hourly care planner would run for every hour the clock skips, planning nothing: no customers
  cloud = await startTestCloud(withoutSchedules(topology, 'care-campaign-planner'));
});
afterAll(async () => {
  await cloud?.stop();
});

type Json = Record<string, unknown>;
interface Entry {
  kind: string;
  action: string;
  actor: string;
  role: string;
  before: Json;
  after: Json;
  detail?: Json;
}

/** Dev routes answer once what they set off has settled (504 if it did not within two minutes). */
async function devPost(path: string, json?: unknown) {
  const answer = await api(cloud, path, { method: 'POST', ...(json ? { json } : {}) });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
}

async function advanceTo(instant: Date) {
  await devPost('/dev/clock', { set: instant.toISOString() });
  // the sweep runs on the minute: give it one
  await devPost('/dev/clock', { advance: 'PT1M' });
}

describe('escalation on the case timeline', () => {
  it('records the priority raised at the breach and the hand-over to the escalation desk, once each', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-03-02T01:00:00Z' } }); // Monday 09:00 Shanghai
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '孙丽', phone: '13822224444' },
        description: '保单受益人变更申请提交两周了还没有处理，请尽快办理。',
        consent: { dataProcessing: true },
      },
    });
    expect(posted.status).toBe(201);
    const id = posted.body.complaintId as string;
    const view = async () => {
      // tokens live 12 h on the local clock, which this test moves by weeks: sign in afresh
      const token = (
        await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ada', role: 'admin' } })
      ).body.token as string;
      const res = await api(cloud, `/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return res.body;
    };
    // triaged, and the SLA service has started the clocks (on a busy machine they may come later)
    const resolveOf = (body: Record<string, unknown>) =>
      (body.clocks as { name: string; dueAt: string }[] | undefined)?.find((c) => c.name === 'resolve');
    const triaged = await waitFor(async () => {
      const body = await view();
      return body.status === 'triaged' && resolveOf(body) ? body : undefined;
    }, 'triage and the SLA clocks');
    await cloud.settle();
    // a sweep before the jump: the jump's sweep reads on from its checkpoint (the first sweep ever
    // looks back 48 hours only), so the internal first-contact target's breach is announced too
    await api(cloud, '/dev/schedules/sla-timer-sweep/run', { method: 'POST' });
    const due = Date.parse(resolveOf(triaged)!.dueAt);
    const escalations = async () =>
      ((await view()).timeline as Entry[]).filter((e) => e.kind === 'action' && e.action === 'escalated');

    // At the resolve deadline the priority has been raised twice: by the internal first-contact
    // target's breach, which nobody met either, and by the resolve clock's.
    await advanceTo(new Date(due));
    const first = await view();
    expect(first.priority).not.toBe(triaged.priority);
    const raised = await escalations();
    expect(raised.every((e) => e.actor === 'sla' && e.role === 'system' && 'priority' in e.after)).toBe(true);
    expect(raised.map((e) => e.detail?.clock)).toEqual(['first-contact', 'resolve']);
    expect(raised[1]).toEqual(
      expect.objectContaining({
        before: raised[0]!.after,
        after: { priority: first.priority },
        detail: expect.objectContaining({ clock: 'resolve', reason: expect.stringContaining('deadline') }),
      }),
    );
    expect(raised[0]!.before).toEqual({ priority: triaged.priority });

    // A day later both breaches escalate, and the complaint goes to the escalation desk once: the
    // second clock's escalation finds it there and moves nothing, however often the sweep runs.
    await advanceTo(new Date(due + 24 * 3_600_000));
    await devPost('/dev/schedules/sla-timer-sweep/run');
    const second = await view();
    expect(second.team).toBe('escalation-desk');
    const entries = await escalations();
    expect(entries.slice(0, raised.length)).toEqual(raised);
    expect(entries.slice(raised.length)).toEqual([
      expect.objectContaining({
        actor: 'sla',
        role: 'system',
        before: { team: triaged.team },
        after: { team: 'escalation-desk' },
        detail: expect.objectContaining({ reason: expect.stringContaining('escalation-desk') }),
      }),
    ]);
  });
});
