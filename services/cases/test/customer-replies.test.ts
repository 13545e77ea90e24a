/**
 * The customer's replies on the local cloud, through the same handlers SES and End User Messaging
 * invoke on AWS: an agent requests information, the customer answers by email with a PDF (or by
 * SMS), and the case shows the answer and the document and its clock resumes. Forged reply
 * addresses, auto-replies, bounces and strangers change nothing, are counted and their raw emails
 * deleted at once; a redelivered email is one answer; `退订` withdraws consent to SMS, and from the
 * phone of a customer whose records have expired is a stranger's.
 */
import { describe, expect, it } from 'vitest';
import { objectsIn } from '../../../test/support/buckets';
import { claimEvent, postCoreEvent } from '../../../test/support/core-events';
import { api, waitFor } from '../../../test/support/local-cloud';
import { capturedLogCloud } from '../../../test/support/log-capture';
import { mailTo, smsTo } from '../../notify/test/mailbox';

const { cloud, captured } = capturedLogCloud('INFO');

type Json = Record<string, unknown>;
type Timeline = { kind: string; action?: string; actor?: string; detail?: Json }[];
const pdf = Buffer.from('%PDF-1.4\n% 住院发票\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const signIn = async (sub: string, role: string, team?: string) =>
  `Bearer ${(await api(cloud(), '/dev/token', { method: 'POST', json: { sub, role, ...(team ? { team } : {}) } })).body.token}`;
const agent = () => signIn('agent-ann', 'agent', 'claims');

const getCase = async (id: string) =>
  (await api(cloud(), `/v1/cases/${id}`, { headers: { authorization: await agent() } })).body;

async function act(id: string, action: string, json: Json) {
  const current = await getCase(id);
  const res = await api(cloud(), `/v1/cases/${id}/${action}`, {
    method: 'POST',
    headers: { authorization: await agent(), 'if-match': `"${current.version}"` },
    json,
  });
  expect(res.status).toBe(200);
  await cloud().settle();
}

/** Files a claims complaint, lets triage route it, and asks the customer for information. */
async function awaitingCustomer(customer: Json, preferredChannel: 'email' | 'sms'): Promise<string> {
  const filed = await api(cloud(), '/v1/complaints', {
    method: 'POST',
    json: {
      customer,
      preferredChannel,
      description: '我的医疗险理赔申请提交一个月了，一直没有结果，请尽快处理理赔。',
      consent: { dataProcessing: true },
    },
  });
  expect(filed.status).toBe(201);
  const id = filed.body.complaintId as string;
  await waitFor(async () => ((await getCase(id)).status === 'triaged' ? true : undefined), 'triage');
  await cloud().settle();
  await act(id, 'assign', { assignee: 'agent-ann' });
  await act(id, 'request-info', { message: '请提供住院发票原件扫描件。' });
  return id;
}

function rawEmail(mail: {
  from: string;
  to: string;
  messageId: string;
  text: string;
  headers?: string[];
  pdf?: Buffer;
}) {
  const head = [
    `From: Li Si <${mail.from}>`,
    `To: ${mail.to}`,
    'Subject: =?UTF-8?B?5Zue5aSN?=',
    `Message-ID: <${mail.messageId}>`,
    'Date: Mon, 07 Dec 2026 09:00:00 +0800',
    'MIME-Version: 1.0',
    ...(mail.headers ?? []),
  ];
  const text = Buffer.from(mail.text).toString('base64');
  if (!mail.pdf)
    return [
      ...head,
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      text,
      '',
    ].join('\r\n');
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    text,
    '--b1',
    'Content-Type: application/pdf; name="=?UTF-8?B?5L2P6Zmi5Y+R56WoLnBkZg==?="',
    "Content-Disposition: attachment; filename*=UTF-8''%E4%BD%8F%E9%99%A2%E5%8F%91%E7%A5%A8.pdf",
    'Content-Transfer-Encoding: base64',
    '',
    mail.pdf.toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}

const sendEmail = async (raw: string) => {
  const res = await api(cloud(), '/dev/inbound/email', {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  expect(res.status).toBe(200);
  await cloud().settle();
  return (res.body.outcomes as Json[])[0];
};

const sendSms = async (from: string, body: string) => {
  const res = await api(cloud(), '/dev/inbound/sms', { method: 'POST', json: { from, body } });
  expect(res.status).toBe(200);
  await cloud().settle();
  return (res.body.outcomes as Json[])[0];
};

const resolveClock = (view: Json) =>
  (view.clocks as { name: string; state: string; history: { change: string; at: string }[] }[]).find(
    (c) => c.name === 'resolve',
  )!;
const customerResponses = (view: Json) =>
  (view.timeline as Timeline).filter((e) => e.kind === 'action' && e.action === 'customer-response');

describe('replies by email', () => {
  const customerEmail = 'li.si@example.com';
  let id = '';
  let replyTo = '';

  it('go out with a reply address bound to the complaint', async () => {
    await api(cloud(), '/dev/clock', { method: 'POST', json: { set: '2026-12-07T01:00:00Z' } });
    id = await awaitingCustomer({ name: '李四', email: customerEmail }, 'email');
    const requests = await waitFor(async () => {
      const mails = (await mailTo(cloud(), customerEmail)) as unknown as {
        subject: string;
        replyTo?: string[];
      }[];
      return mails.length >= 2 ? mails : undefined;
    }, 'the acknowledgement and the request for information');
    for (const mail of requests)
      expect(mail.replyTo?.[0]).toMatch(/^reply\+[0-9a-z.]+@reply\.complaint-care\.local$/);
    replyTo = requests.at(-1)!.replyTo![0]!;
    expect(resolveClock(await getCase(id)).state).toBe('paused');
  });

  it('change nothing when forged, automatic, a bounce or from a stranger, are counted and not kept', async () => {
    const before = await getCase(id);
    const [local, domain] = replyTo.split('@') as [string, string];
    const forged = `${local.slice(0, -1)}${local.endsWith('a') ? 'b' : 'a'}@${domain}`;
    const reply = { from: customerEmail, to: replyTo, text: 'Here it is.' };
    expect(await sendEmail(rawEmail({ ...reply, to: forged, messageId: 'forged@x' }))).toEqual({
      outcome: 'ignored',
      reason: 'invalid-token',
    });
    expect(
      await sendEmail(rawEmail({ ...reply, messageId: 'auto@x', headers: ['Auto-Submitted: auto-replied'] })),
    ).toEqual({ outcome: 'ignored', reason: 'auto-reply' });
    expect(
      await sendEmail(
        rawEmail({ ...reply, messageId: 'ooo@x', headers: ['X-Autoreply: yes', 'Precedence: bulk'] }),
      ),
    ).toEqual({ outcome: 'ignored', reason: 'auto-reply' });
    expect(
      await sendEmail(
        rawEmail({
          ...reply,
          from: 'MAILER-DAEMON@mx.example.com',
          messageId: 'bounce@x',
          headers: ['X-Failed-Recipients: li.si@example.com'],
        }),
      ),
    ).toEqual({ outcome: 'ignored', reason: 'bounce' });
    expect(
      await sendEmail(rawEmail({ ...reply, from: 'someone@else.example', messageId: 'stranger@x' })),
    ).toEqual({
      outcome: 'ignored',
      reason: 'unknown-sender',
    });
    expect(
      await sendEmail(rawEmail({ ...reply, to: 'complaints@complaint-care.local', messageId: 'plain@x' })),
    ).toEqual({
      outcome: 'ignored',
      reason: 'no-reply-address',
    });

    const after = await getCase(id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('awaiting-customer');
    expect(customerResponses(after)).toHaveLength(0);
    expect(after.attachments).toEqual([]);
    // no complaint names these raw emails, so nothing would erase them: they are not kept (s3rver)
    const stored = (await objectsIn(cloud(), 'InboundMail')).map((o) => o.text).join('\n');
    for (const messageId of ['forged@x', 'auto@x', 'ooo@x', 'bounce@x', 'stranger@x', 'plain@x'])
      expect(stored).not.toContain(`<${messageId}>`);
    const counted = captured.filter((line) => line.includes('"customer reply"'));
    for (const reason of ['invalid-token', 'auto-reply', 'bounce', 'unknown-sender', 'no-reply-address'])
      expect(counted.some((line) => line.includes(`"reason":"${reason}"`))).toBe(true);
    // counted without the sender, the reply address or the text
    for (const line of counted) {
      expect(line).not.toContain('example');
      expect(line).not.toContain('reply+');
    }
  });

  it('put the answer and its PDF on the case and resume the clock, once however often it is delivered', async () => {
    const raw = rawEmail({
      from: customerEmail,
      to: replyTo,
      messageId: 'answer-1@mail.example.com',
      text: '发票见附件。\r\n\r\n在 2026年12月7日 09:00，Complaint & Care 写道：\r\n> 请提供住院发票原件扫描件。\r\n',
      pdf,
    });
    expect(await sendEmail(raw)).toEqual({ outcome: 'recorded', complaintId: id, resumed: true });
    const view = await getCase(id);
    expect(view.status).toBe('in-progress');
    expect(resolveClock(view).state).toBe('running');
    expect(view.newMaterial).toEqual({ receivedAt: expect.any(String), channel: 'email' });
    const [response] = customerResponses(view);
    expect(response).toMatchObject({
      actor: 'customer',
      detail: { message: '发票见附件。', channel: 'email', documents: [{ fileName: '住院发票.pdf' }] },
    });
    const attachments = view.attachments as {
      fileName: string;
      contentType: string;
      size: number;
      source: string;
      downloadUrl: string;
    }[];
    expect(attachments).toEqual([
      expect.objectContaining({
        fileName: '住院发票.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        source: 'email',
      }),
    ]);
    const download = await fetch(attachments[0]!.downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // the recorded email is kept (its timeline entry names it; an erasure deletes it)
    expect(
      (await objectsIn(cloud(), 'InboundMail')).filter((o) => o.text.includes('<answer-1@mail.example.com>')),
    ).toHaveLength(1);

    // SES delivers at least once: the same message again is the same answer
    expect(await sendEmail(raw)).toEqual({ outcome: 'duplicate', complaintId: id });
    const again = await getCase(id);
    expect(customerResponses(again)).toHaveLength(1);
    expect(again.attachments).toHaveLength(1);
    expect(again.version).toBe(view.version);
  });

  it('leave the agent to say whether the answer brings new facts, which restart the clock from its receipt', async () => {
    const before = await getCase(id);
    const receivedAt = (before.newMaterial as { receivedAt: string }).receivedAt;
    await act(id, 'new-facts', { newFacts: true });
    const view = await getCase(id);
    expect(view.newMaterial).toBeNull();
    const clock = resolveClock(view);
    expect(clock.state).toBe('running');
    expect(clock.history.at(-1)).toMatchObject({ change: 'restarted', at: receivedAt });
  });
});

describe('replies by SMS', () => {
  const phone = '13911112222';

  it('put the answer on the complaint awaiting it, matched by the phone, and resume its clock', async () => {
    const id = await awaitingCustomer({ name: '王五', phone }, 'sms');
    expect(await sendSms('+8613911112222', '发票明天寄出')).toEqual({
      outcome: 'recorded',
      complaintId: id,
      resumed: true,
    });
    const view = await getCase(id);
    expect(view.status).toBe('in-progress');
    expect(resolveClock(view).state).toBe('running');
    expect(customerResponses(view)).toMatchObject([
      { actor: 'customer', detail: { message: '发票明天寄出', channel: 'sms' } },
    ]);
    expect(view.newMaterial).toMatchObject({ channel: 'sms' });

    // nothing awaits an answer any more, and a stranger's number has no complaint
    expect(await sendSms('+8613911112222', '还有一张')).toEqual({
      outcome: 'ignored',
      reason: 'no-complaint-awaiting',
    });
    expect(await sendSms('+8613800000000', '你好')).toEqual({ outcome: 'ignored', reason: 'unknown-sender' });
    expect(customerResponses(await getCase(id))).toHaveLength(1);
  });

  it('退订 withdraws consent to SMS: the next claim notice goes by email, and nothing else is answered', async () => {
    const admin = await signIn('root', 'admin');
    const line = JSON.stringify({
      customerId: 'C-REPLY-1',
      name: '赵六',
      birthDate: '1970-03-02',
      phone: '13922223333',
      email: 'zhao.liu@example.com',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      preferredChannel: 'sms',
      tier: 'gold',
      consent: { service: true, marketing: true },
      policies: [
        { policyNumber: 'P1700000001', product: 'medical', startDate: '2024-01-01', status: 'in-force' },
      ],
    });
    const imported = await api(cloud(), '/v1/customers/import', {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/x-ndjson' },
      body: `${line}\n`,
    });
    expect(imported.status).toBe(200);
    expect(await sendSms('+8613922223333', ' 退订 ')).toEqual({ outcome: 'consent-withdrawn' });
    const preferences = await api(cloud(), '/v1/customers/C-REPLY-1/preferences', {
      headers: { authorization: admin },
    });
    expect(preferences.body).toMatchObject({
      consent: { marketing: true, service: true, sms: false },
      overridden: ['consent.sms'],
    });
    expect(await sendSms('+8613922223333', 'TD')).toEqual({ outcome: 'consent-already-withdrawn' });

    // the customer prefers SMS, but their claim's notice now goes by email
    const posted = await postCoreEvent(
      cloud(),
      claimEvent(cloud(), {
        eventId: 'CORE-REPLY-1',
        type: 'claim.registered',
        policyNumber: 'P1700000001',
        claimNumber: 'CLM1700000001',
      }),
    );
    expect(posted.status).toBe(202);
    const [notice] = await waitFor(async () => {
      const mail = (await mailTo(cloud(), 'zhao.liu@example.com')).filter((m) =>
        m.subject.includes('CLM1700000001'),
      );
      return mail.length ? mail : undefined;
    }, 'the claim notice by email');
    expect(notice!.subject).toContain('CLM1700000001');
    expect(smsTo(cloud(), '13922223333')).toEqual([]);
  });

  it('match no customer by a phone whose records have expired, though still stored: 退订 from it is a stranger', async () => {
    const admin = await signIn('root', 'admin');
    // every policy ended in June 2010: the import ends the phone lookup's retention 10 years later,
    // and the local cloud, like DynamoDB for days after, still holds it
    const line = JSON.stringify({
      customerId: 'C-REPLY-ENDED',
      name: '钱七',
      phone: '13944445555',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      preferredChannel: 'sms',
      tier: 'standard',
      consent: { service: true, marketing: true },
      policies: [
        {
          policyNumber: 'P2005000044',
          product: 'medical',
          startDate: '2005-01-01',
          status: 'lapsed',
          endDate: '2010-06-30',
        },
      ],
    });
    const imported = await api(cloud(), '/v1/customers/import', {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/x-ndjson' },
      body: `${line}\n`,
    });
    expect(imported.body).toMatchObject({ created: 1, rejected: [] });
    expect(await sendSms('+8613944445555', '退订')).toEqual({ outcome: 'ignored', reason: 'unknown-sender' });
  });
});
