/**
 * A full intake run, with every log line captured: complaint id, reference and correlation id are
 * there; the customer's name, phone, email and ID number never are.
 */
import { expect, it } from 'vitest';
import { LOCAL_HOTLINE_SECRET, signHotlineBody } from '#shared/http/hotline-signature';
import { api } from '../../../test/support/local-cloud';
import { capturedLogCloud } from '../../../test/support/log-capture';

const logged = capturedLogCloud('DEBUG');
const captured = logged.captured;

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
  const web = await api(logged.cloud(), '/v1/complaints', {
    method: 'POST',
    json: body,
    headers: { 'x-correlation-id': 'corr-123' },
  });
  expect(web.status).toBe(201);
  await api(logged.cloud(), '/v1/complaints', {
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
  const t = Math.floor(logged.cloud().clock.now().getTime() / 1000);
  await api(logged.cloud(), '/v1/integrations/hotline/complaints', {
    method: 'POST',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-signature': signHotlineBody(LOCAL_HOTLINE_SECRET, t, raw),
    },
  });
  await api(logged.cloud(), `/v1/complaints/${web.body.reference}/status?contact=${customer.email}`);
  await logged.cloud().settle();

  const logs = captured.join('');
  expect(logs).toContain(String(web.body.complaintId));
  expect(logs).toContain(String(web.body.reference));
  expect(logs).toContain('corr-123');
  for (const secret of [customer.name, customer.phone, customer.email, customer.idNumber, 'nana.ouyang']) {
    expect(logs).not.toContain(secret);
  }
});
