/**
 * A full intake run, with every log line captured: complaint id, reference and correlation id are
 * there; the customer's name, phone, email and ID number never are.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_HOTLINE_SECRET, signHotlineBody } from '#shared/http/hotline-signature';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud } from '../../../test/support/local-cloud';

let cloud: LocalCloud;
const captured: string[] = [];
const originalWrite = process.stdout.write.bind(process.stdout);
const originalLevel = process.env.POWERTOOLS_LOG_LEVEL;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  cloud = await startTestCloud(topology);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    captured.push(String(chunk));
    return originalWrite(chunk, ...rest);
  }) as typeof process.stdout.write;
});
afterAll(async () => {
  process.stdout.write = originalWrite;
  process.env.POWERTOOLS_LOG_LEVEL = originalLevel;
  await cloud?.stop();
});

it('logs ids, never personal data', async () => {
  const customer = {
    name: '欧阳娜娜',
    phone: '13612345678',
    email: 'nana.ouyang@example.com',
    idNumber: '110101199003074514',
  };
  const body = {
    customer,
    description: '保单受益人变更申请被拖延了一个多月，客服一直推诿。',
    consent: { dataProcessing: true },
  };
  const web = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: body,
    headers: { 'x-correlation-id': 'corr-123' },
  });
  expect(web.status).toBe(201);
  await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: { ...body, customer: { ...customer, phone: 'bad' } },
  });
  const raw = JSON.stringify({
    ...body,
    callId: 'CALL-LOG-1',
    agentId: 'A1',
    callerPhone: '13612345678',
    summary: 'Caller 欧阳娜娜 upset',
  });
  const t = Math.floor(cloud.clock.now().getTime() / 1000);
  await api(cloud, '/v1/integrations/hotline/complaints', {
    method: 'POST',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-signature': signHotlineBody(LOCAL_HOTLINE_SECRET, t, raw),
    },
  });
  await api(cloud, `/v1/complaints/${web.body.reference}/status?contact=${customer.email}`);
  await cloud.settle();

  const logs = captured.join('');
  expect(logs).toContain(String(web.body.complaintId));
  expect(logs).toContain(String(web.body.reference));
  expect(logs).toContain('corr-123');
  for (const secret of [customer.name, customer.phone, customer.email, customer.idNumber, 'nana.ouyang']) {
    expect(logs).not.toContain(secret);
  }
});
