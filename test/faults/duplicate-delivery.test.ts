/**
 * Issue 13's fault suite, SQS at least once: every message of every queue is delivered twice, to
 * two invocations at once. The same story — a complaint worked from receipt through request-info,
 * extension, resolution, closing and reopening; a second one left to breach and escalate; a
 * customer's birthday greeting — runs once with single delivery and once with every message
 * doubled, and every effect must come out the same: emails, timeline, clocks, events on the bus,
 * the campaign run's counts. Together they cover each event type that has a consumer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { mailbox } from '../../services/notify/test/mailbox';
import { api, startTestCloud, waitFor } from '../support/local-cloud';
import { adminHeaders, caseView, deadLettered, reportFigures, triagedWithClocks } from './support/complaints';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology, { faults: true });
}, 180_000);
afterAll(async () => {
  await cloud?.stop();
});

type Json = Record<string, unknown>;
const setClock = (set: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set } });
const advance = (by: string) => api(cloud, '/dev/clock', { method: 'POST', json: { advance: by } });

async function file(email: string, description: string): Promise<{ complaintId: string; reference: string }> {
  const posted = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: {
      customer: { name: 'Dana Wu', email },
      description,
      language: 'en',
      consent: { dataProcessing: true },
    },
  });
  expect(posted.status).toBe(201);
  const filed = posted.body as { complaintId: string; reference: string };
  await waitFor(
    async () => (triagedWithClocks(await caseView(cloud.url, filed.complaintId)) ? true : undefined),
    'triage and clocks',
    60_000,
  );
  await cloud.settle();
  return filed;
}

async function act(complaintId: string, action: string, body?: Json): Promise<void> {
  const headers = await adminHeaders(cloud.url);
  const current = await api(cloud, `/v1/cases/${complaintId}`, { headers });
  const done = await api(cloud, `/v1/cases/${complaintId}/${action}`, {
    method: 'POST',
    headers: { ...headers, 'if-match': `"${current.body.version as number}"` },
    ...(body ? { json: body } : {}),
  });
  expect(done.status, `${action}: ${JSON.stringify(done.body)}`).toBeLessThan(300);
  await cloud.settle();
}

/** Every effect of one complaint that a doubled delivery could double, without times and ids. */
async function effectsOf(complaintId: string, reference: string) {
  const view = (await caseView(cloud.url, complaintId)) as unknown as {
    status: string;
    timeline: Json[];
    clocks: (Json & { history?: unknown[] })[];
  };
  const events = (await api(cloud, '/dev/events?limit=2000')).body.events as {
    'detail-type': string;
    detail: { data: Json };
  }[];
  const eventCounts: Record<string, number> = {};
  for (const e of events)
    if (e.detail.data.complaintId === complaintId)
      eventCounts[e['detail-type']] = (eventCounts[e['detail-type']] ?? 0) + 1;
  const mails = (await mailbox(cloud)).filter(
    (m) => m.subject.includes(reference) || (m.body.text ?? '').includes(reference),
  );
  return {
    status: view.status,
    timeline: view.timeline.map((t) => [t.kind, t.action ?? t.type ?? t.purpose ?? ''].join(':')).sort(),
    clocks: view.clocks
      .map(
        (c) =>
          `${c.name}:${c.state}: ${((c.history ?? []) as { change: string }[]).map((h) => h.change).join(' ')}`,
      )
      .sort(),
    events: eventCounts,
    emails: mails
      .map((m) => `${m.destination.to.join(',').replace(/^[^@]*@example\.com$/, 'customer')}`)
      .sort(),
  };
}

/** The story, from a Monday 09:00 in Shanghai; returns its effects. */
async function story(tag: string, monday: string, birthday: string) {
  await setClock(`${monday}T01:00:00Z`);
  const headers = await adminHeaders(cloud.url);
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body: JSON.stringify({
      customerId: `DUP-${tag}`,
      name: 'Lee Chen',
      birthDate: `1970-${birthday.slice(5)}`,
      email: `birthday-${tag}@example.com`,
      language: 'en',
      timeZone: 'Asia/Shanghai',
      preferredChannel: 'email',
      consent: { service: true, marketing: true },
    }),
  });
  expect(imported.body).toMatchObject({ created: 1, rejected: [] });

  const worked = await file(
    `worked-${tag}@example.com`,
    'My claim for hospital costs has been pending for five weeks.',
  );
  await act(worked.complaintId, 'assign', { assignee: 'agent-ann' });
  await act(worked.complaintId, 'request-info', { message: 'Please send the hospital invoice.' });
  await advance('P1D'); // Tuesday: the birthday greeting goes at 09:00
  await act(worked.complaintId, 'customer-response', { message: 'Invoice attached.' });
  await act(worked.complaintId, 'extend', { reason: 'We need the hospital records', days: 15 });
  await act(worked.complaintId, 'resolve', {
    outcome: 'upheld',
    remedy: 'Full payment',
    rootCause: 'claims-handling',
    responseToCustomer: 'Your claim is upheld and will be paid in full.',
  });
  await act(worked.complaintId, 'close');
  await act(worked.complaintId, 'reopen', { reason: 'The customer disputes the amount' });

  // left alone for 20 days: its clocks warn, breach and escalate. Each step's sweep fires what fell
  // due in it, so what falls due by day 19 fires by the step to day 19, and the escalation a day
  // after such a breach by the step to day 20: the effects of a walk day by day (checked equal),
  // in 5 steps instead of 20, each of which runs the sweeps and waits for the cloud to settle.
  const neglected = await file(`neglected-${tag}@example.com`, 'Nobody has answered my surrender request.');
  for (const days of [5, 5, 5, 4, 1]) await advance(`P${days}D`);
  await cloud.settle();

  const run = await waitFor(async () => {
    const runs = await api(cloud, '/v1/campaigns/birthday/runs', { headers: await adminHeaders(cloud.url) });
    return (runs.body.runs as { runId: string; counts: Record<string, number> }[]).find((r) =>
      r.runId.startsWith(birthday),
    );
  }, 'the birthday run');
  return {
    worked: await effectsOf(worked.complaintId, worked.reference),
    neglected: await effectsOf(neglected.complaintId, neglected.reference),
    greeting: (await mailbox(cloud)).filter((m) => m.destination.to.includes(`birthday-${tag}@example.com`))
      .length,
    run: run.counts,
  };
}

describe('the fault suite: duplicate SQS delivery', () => {
  it('doubles no effect of any event type when every message arrives twice', {
    timeout: 600_000,
  }, async () => {
    const single = await story('single', '2026-03-09', '2026-03-10');
    const faults = cloud.faults!;
    faults.duplicateDelivery = true;
    const doubled = await story('doubled', '2026-04-13', '2026-04-14');
    faults.duplicateDelivery = false;

    const typesSeen = new Set([
      ...Object.keys(doubled.worked.events),
      ...Object.keys(doubled.neglected.events),
    ]);
    const differing = (['worked', 'neglected', 'greeting', 'run'] as const).filter(
      (part) => JSON.stringify(single[part]) !== JSON.stringify(doubled[part]),
    );
    reportFigures(
      'duplicate SQS delivery',
      { duplicateDeliveries: faults.counts.duplicateDeliveries, eventTypes: typesSeen.size },
      { complaints: 4, lost: [], doubled: differing, withoutDeadline: [] },
    );
    expect(faults.counts.duplicateDeliveries).toBeGreaterThan(0);
    // the story did reach every consumer: these are the event types that have one
    expect([...typesSeen].sort()).toEqual(
      expect.arrayContaining([
        'complaint.received',
        'complaint.triaged',
        'complaint.status-changed',
        'complaint.extended',
        'complaint.resolved',
        'complaint.closed',
        'complaint.reopened',
        'notification.sent',
        'sla.warning',
        'sla.breached',
      ]),
    );
    expect(single.greeting).toBe(1);
    expect(doubled.worked).toEqual(single.worked);
    expect(doubled.neglected).toEqual(single.neglected);
    expect(doubled.greeting).toEqual(single.greeting);
    expect(doubled.run).toEqual(single.run);
    expect(
      await deadLettered(
        cloud.sqs,
        cloud.queues.map((q) => q.dlqUrl),
      ),
    ).toBe(0);
  });
});
