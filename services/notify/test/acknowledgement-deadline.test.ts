/**
 * The acknowledgement always carries the decision date, and the status lookup always answers the
 * next deadline, from the first instant after filing: intake records the regime and the opening
 * deadlines with the complaint, by the SLA service's own rules (for a UK customer, the regime of
 * the imported time zone), and the clocks the SLA service starts agree with what the customer was told.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import { clockKey, complaintKey } from '#shared/tables/complaints';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { customerLine } from '../../care/test/care-fixtures';
import type { SlaClock } from '../../sla/domain/clock';
import { formatInstant } from '../domain/format-instant';
import { mailTo, smsTo } from './mailbox';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  // a Monday morning in Shanghai and in London's night: no quiet hours hold an acknowledgement
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-01T02:00:00Z' } });
});
afterAll(async () => {
  await cloud?.stop();
});

async function item(complaintId: string, sk: string) {
  const result = await dynamo().send(
    new GetCommand({
      TableName: cloud.tableNames.Complaints,
      Key: { pk: complaintKey(complaintId).pk, sk },
      ConsistentRead: true,
    }),
  );
  return result.Item;
}

const resolveClock = (complaintId: string) =>
  waitFor(
    async () => (await item(complaintId, clockKey(complaintId, 'resolve').sk)) as SlaClock | undefined,
    'the resolve clock',
  );

async function file(body: Record<string, unknown>) {
  const res = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: { consent: { dataProcessing: true }, ...body },
  });
  expect(res.status).toBe(201);
  return res.body as { complaintId: string; reference: string };
}

describe('the acknowledgement and the status lookup', () => {
  it('answer the deadline at once, and the SMS promises the decision date of the resolve clock', async () => {
    const filed = await file({
      customer: { name: '郑洁', phone: '13744445555' },
      description: '理赔款到账金额与核定金额不符，请核实处理。',
      preferredChannel: 'sms',
    });
    // straight after filing, before any consumer has run
    const status = await api(cloud, `/v1/complaints/${filed.reference}/status?contact=5555`);
    expect(status.status).toBe(200);
    expect(status.body.nextDeadline).toEqual({ name: expect.any(String), dueAt: expect.any(String) });

    const [sms] = await waitFor(async () => {
      const found = smsTo(cloud, '13744445555');
      return found.length ? found : undefined;
    }, 'acknowledgement SMS');
    const resolve = await resolveClock(filed.complaintId);
    expect(resolve.regime).toBe('cn-nfra');
    // the short form, since the SMS carries the status link: "…已受理，<date>前答复，查询：<link>"
    expect(sms!.messageBody).toContain(
      `已受理，${formatInstant(resolve.dueAt, 'Asia/Shanghai', 'zh-CN')}前答复`,
    );
    expect(sms!.messageBody).toMatch(/查询：http\S+\/status\?t=/);
  });

  it('give a UK customer the deadlines of the UK regime, which the SLA clocks then run on', async () => {
    const admin = (
      await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ack', role: 'admin' } })
    ).body.token as string;
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
      body: customerLine({
        customerId: 'C0UK1',
        name: 'Oliver Grant',
        phone: '+447700900123',
        email: 'oliver.grant@example.co.uk',
        language: 'en',
        timeZone: 'Europe/London',
        preferredChannel: 'email',
        policies: [
          {
            policyNumber: 'PUK0000001',
            product: 'home',
            startDate: '2022-04-01',
            premiumDueDate: '2026-09-01',
            premiumAmount: 480,
            status: 'in-force',
          },
        ],
      }),
    });
    expect(imported.body).toMatchObject({ created: 1, rejected: [] });

    const filed = await file({
      customer: { name: 'Oliver Grant', email: 'oliver.grant@example.co.uk' },
      policyNumber: 'PUK0000001',
      description: 'My claim for storm damage to the roof has had no answer for five weeks.',
      language: 'en',
      preferredChannel: 'email',
    });
    const status = await api(
      cloud,
      `/v1/complaints/${filed.reference}/status?contact=${encodeURIComponent('oliver.grant@example.co.uk')}`,
    );
    expect(status.body.nextDeadline).toEqual({ name: expect.any(String), dueAt: expect.any(String) });

    const [mail] = await waitFor(async () => {
      const found = await mailTo(cloud, 'oliver.grant@example.co.uk');
      return found.length ? found : undefined;
    }, 'acknowledgement email');
    const resolve = await resolveClock(filed.complaintId);
    expect(resolve.regime).toBe('uk-fca');
    expect((await item(filed.complaintId, complaintKey(filed.complaintId).sk))?.regime).toBe('uk-fca');
    expect(mail!.body.text).toContain(
      `We will send you our response by ${formatInstant(resolve.dueAt, 'Europe/London', 'en')}.`,
    );
  });
});
