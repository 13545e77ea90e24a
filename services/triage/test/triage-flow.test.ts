/**
 * Triage on the local cloud: a posted complaint is triaged within 2 s with team, priority and
 * reasons on the bus; delivering the same `complaint.received` again changes nothing.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

type BusEntry = { detail: { id: string; data: Record<string, unknown> } & Record<string, unknown> };
const eventsOf = async (type: string, complaintId: string) =>
  ((await api(cloud, `/dev/events?type=${type}&limit=1000`)).body.events as BusEntry[]).filter(
    (e) => e.detail.data.complaintId === complaintId,
  );

describe('triage', () => {
  it('triages a posted complaint within 2 s, with team, priority and reasons on the bus, once', async () => {
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '周敏', phone: '13511112222' },
        description: '我的重疾险理赔申请被拒绝了，理由完全站不住脚。如果再不处理，我就找律师起诉你们。',
        consent: { dataProcessing: true },
      },
    });
    expect(posted.status).toBe(201);
    const complaintId = posted.body.complaintId as string;
    // how fast is for the benchmark (npm run bench -- triage: p99 against 2 s); here only that it happens
    const [triaged] = await waitFor(async () => {
      const found = await eventsOf('complaint.triaged', complaintId);
      return found.length ? found : undefined;
    }, 'complaint.triaged');
    expect(triaged!.detail.data).toMatchObject({
      complaintId,
      category: 'claims',
      priority: 'P2',
      team: 'claims',
      signals: ['mediaThreat'],
    });
    expect((triaged!.detail.data.reasons as unknown[]).length).toBeGreaterThan(2);

    // the complaint itself now says triaged
    const status = await api(cloud, `/v1/complaints/${posted.body.reference}/status?contact=2222`);
    expect(status.body.status).toBe('triaged');

    // deliver the very same complaint.received again: nothing changes, nothing is emitted
    const [received] = await eventsOf('complaint.received', complaintId);
    await eventBridge().send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: process.env.EVENT_BUS_NAME,
            Source: 'complaint-care',
            DetailType: 'complaint.received',
            Detail: JSON.stringify(received!.detail),
          },
        ],
      }),
    );
    await cloud.settle();
    expect(await eventsOf('complaint.received', complaintId)).toHaveLength(2);
    expect(await eventsOf('complaint.triaged', complaintId)).toHaveLength(1);
  });
});
