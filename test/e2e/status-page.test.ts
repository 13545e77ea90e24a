/**
 * The customer's side in headless Chromium against the local cloud: the status page by reference
 * and contact and by the signed link our messages carry, in zh-CN and en, with axe-core; forged and
 * expired links refused; the rating page recording `follow-up` once; and the per-client lookup
 * limit answering 429. One cloud for the file; the limit is spent last.
 */
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSources } from '#shared/aws/secrets';
import { signCustomerLink } from '#shared/links/customer-link-token';
import { buildWeb } from '../../infra/local/build-web';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { customerLine } from '../../services/care/test/care-fixtures';
import { mailTo, smsTo } from '../../services/notify/test/mailbox';
import { launchChromium } from '../support/browser';
import { api, repoRoot, startTestCloud, waitFor } from '../support/local-cloud';

let cloud: LocalCloud;
let browser: Browser;
const pages: Page[] = [];
type Json = Record<string, unknown>;

beforeAll(async () => {
  await buildWeb(repoRoot);
  cloud = await startTestCloud(topology, { webDir: resolve(repoRoot, 'web') });
  // a Monday 11:00 in Shanghai: outside quiet hours, so a request for information goes at once
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-12-07T03:00:00Z' } });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const page of pages)
    await page
      .context()
      .close()
      .catch(() => undefined);
  await browser?.close();
  await cloud?.stop();
});

const linkSecret = () =>
  process.env[secretSources['customer-link-signing'].localEnvVar] ||
  secretSources['customer-link-signing'].localDefault;
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(repoRoot, `.data/${name}.png`), fullPage: true }).catch(() => undefined);

async function open(path: string, locale: string): Promise<Page> {
  // a context of its own: axe-core analyses pages of a context
  const context = await browser.newContext({ locale, viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(`${cloud.url}${path}`);
  return page;
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page } as never).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

async function file(customer: Json, language: 'zh-CN' | 'en', description: string) {
  const filed = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: { customer, description, language, consent: { dataProcessing: true } },
  });
  expect(filed.status).toBe(201);
  await cloud.settle();
  return { complaintId: filed.body.complaintId as string, reference: filed.body.reference as string };
}

async function act(complaintId: string, action: string, body: Json) {
  const auth = `Bearer ${(await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ada', role: 'admin' } })).body.token}`;
  const current = await api(cloud, `/v1/cases/${complaintId}`, { headers: { authorization: auth } });
  const done = await api(cloud, `/v1/cases/${complaintId}/${action}`, {
    method: 'POST',
    headers: { authorization: auth, 'if-match': `"${current.body.version}"` },
    json: body,
  });
  expect(done.status).toBe(200);
  await cloud.settle();
  return api(cloud, `/v1/cases/${complaintId}`, { headers: { authorization: auth } });
}

/** The status link in a message's text. */
const statusLinkIn = (text: string) => /https?:\/\/\S+\/status\?t=[\w.-]+/.exec(text)?.[0];

let english: { complaintId: string; reference: string };

describe('status page', () => {
  it('by reference and contact, in zh-CN; the acknowledgement SMS carries the signed link', async () => {
    const { reference } = await file(
      { name: '张三', phone: '13900139011', email: 'zhang.status@example.com' },
      'zh-CN',
      '理赔申请提交一个月了还没有结果，客服说在审核，但一直没有进展。',
    );
    const sms = await waitFor(async () => smsTo(cloud, '39011')[0], 'the acknowledgement SMS');
    expect(statusLinkIn(sms.messageBody)).toBeDefined();

    const page = await open('/status', 'zh-CN');
    await page.getByRole('textbox', { name: '受理编号' }).fill(reference.toLowerCase());
    await page.getByLabel('电子邮箱或手机号码后四位').fill('9011');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('#status-reference').filter({ hasText: reference }).waitFor();
    expect(await page.locator('#status-stage').textContent()).toMatch(/已登记|已收到/);
    expect(await page.locator('#status-deadline').textContent()).toMatch(/\d{4}年/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'status-page-zh');

    // a wrong contact reads exactly like an unknown reference, on the page and from the API
    const wrong = await open('/status', 'zh-CN');
    await wrong.getByRole('textbox', { name: '受理编号' }).fill(reference);
    await wrong.getByLabel('电子邮箱或手机号码后四位').fill('0000');
    await wrong.getByRole('button', { name: '查询' }).click();
    await wrong.getByRole('alert').filter({ hasText: '没有找到' }).waitFor();
    expect(await seriousViolations(wrong)).toEqual([]);
    const wrongContact = await api(cloud, `/v1/complaints/${reference}/status?contact=0000`);
    const unknown = await api(cloud, '/v1/complaints/CMP-20261206-000000/status?contact=0000');
    expect([wrongContact.status, unknown.status]).toEqual([404, 404]);
    expect(wrongContact.body.detail).toBe(unknown.body.detail);
  });

  it('by the signed link in an English request for information, showing what we asked for', async () => {
    english = await file(
      { name: 'Olivia Smith', email: 'olivia.status@example.com' },
      'en',
      'My claim for storm damage has been waiting for six weeks without any answer from you.',
    );
    await act(english.complaintId, 'assign', { assignee: 'agent-ann' });
    await act(english.complaintId, 'request-info', { message: 'A copy of the repair quote, please.' });
    const request = await waitFor(
      async () =>
        (await mailTo(cloud, 'olivia.status@example.com')).find((m) => /more information/i.test(m.subject)),
      'the request for information',
    );
    const link = statusLinkIn(request.body.text ?? '');
    expect(link).toBeDefined();

    // a Chinese browser: the page follows the language the customer wrote in
    const page = await open(new URL(link!).pathname + new URL(link!).search, 'zh-CN');
    await page.locator('#status-reference').filter({ hasText: english.reference }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#status-stage').textContent()).toBe('Waiting for information from you');
    expect(await page.locator('#status-requests').textContent()).toContain(
      'A copy of the repair quote, please.',
    );
    expect(await page.locator('#lookup-form').isHidden()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'status-page-link-en');

    // and the decision, once made
    await act(english.complaintId, 'resolve', {
      outcome: 'partially-upheld',
      remedy: 'We will pay AUD 1,200 towards the repair.',
      rootCause: 'claims-handling',
      responseToCustomer: 'We reviewed the assessment and agree part of the damage is covered.',
    });
    await page.reload();
    await page.locator('#status-decision').waitFor();
    expect(await page.locator('#decision-outcome').textContent()).toBe('Complaint partly upheld');
    expect(await page.locator('#decision-response').textContent()).toContain('part of the damage is covered');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'status-page-decision-en');
  });

  it('uploads a document from the signed link, and refuses one over the limit', async () => {
    const token = signCustomerLink(
      { reference: english.reference, purpose: 'status' },
      linkSecret(),
      new Date(),
    );
    const page = await open(`/status?t=${token}`, 'en');
    await page.getByRole('heading', { name: 'Send us documents' }).waitFor();
    const pdf = Buffer.from('%PDF-1.4\n% a repair quote\n%%EOF\n');
    await page
      .getByLabel('Choose a file')
      .setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#uploaded').filter({ hasText: 'Received: quote.pdf' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'status-page-upload-en');

    const auth = `Bearer ${(await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ada', role: 'admin' } })).body.token}`;
    const detail = await api(cloud, `/v1/cases/${english.complaintId}`, { headers: { authorization: auth } });
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({ fileName: 'quote.pdf', size: pdf.length, source: 'upload' }),
    ]);

    // over the limit: the page says so before sending, and the API refuses the form
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    await page
      .getByLabel('Choose a file')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#upload-error').filter({ hasText: 'larger than 10 MB' }).waitFor();
    const refused = await api(cloud, '/v1/status/uploads', {
      method: 'POST',
      json: { t: token, fileName: 'scan.pdf', contentType: 'application/pdf', size: big.length },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'body.size', message: expect.stringContaining('larger than 10 MB') }),
    ]);
    const wrongType = await api(cloud, '/v1/status/uploads', {
      method: 'POST',
      json: { t: token, fileName: 'run.exe', contentType: 'application/x-msdownload', size: 10 },
    });
    expect(wrongType.status).toBe(400);
    expect(
      (await api(cloud, `/v1/cases/${english.complaintId}`, { headers: { authorization: auth } })).body
        .attachments,
    ).toHaveLength(1);
  });

  it('refuses a forged link, an expired one and a rating link, and offers the lookup form instead', async () => {
    const genuine = signCustomerLink(
      { reference: english.reference, purpose: 'status' },
      linkSecret(),
      new Date(),
    );
    const forged = `${genuine.slice(0, -1)}${genuine.endsWith('A') ? 'B' : 'A'}`;
    const expired = signCustomerLink(
      { reference: english.reference, purpose: 'status' },
      linkSecret(),
      new Date(Date.now() - 100 * 86_400_000),
    );
    const rating = signCustomerLink(
      { reference: english.reference, purpose: 'rating' },
      linkSecret(),
      new Date(),
    );
    for (const token of [forged, expired, rating]) {
      const answer = await api(cloud, `/v1/status?t=${token}`);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.errors).toEqual([
        { path: 'query.t', message: 'The link is invalid or has expired.' },
      ]);
    }
    expect((await api(cloud, `/v1/status?t=${genuine}`)).status).toBe(200);

    const page = await open(`/status?t=${forged}&lang=en`, 'en');
    await page.getByRole('alert').filter({ hasText: 'invalid or has expired' }).waitFor();
    expect(await page.locator('#lookup-form').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('rating page', () => {
  it('records the rating as follow-up once; a second rating changes nothing', async () => {
    const token = signCustomerLink(
      { reference: english.reference, purpose: 'rating' },
      linkSecret(),
      new Date(),
    );
    const page = await open(`/rate?t=${token}`, 'en');
    await page.getByText('Very satisfied').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/Anything you would like to tell us/).fill('Quick and fair, thank you.');
    await screenshot(page, 'rating-page-en');
    // one tap on the score sends it, with the comment
    await page.getByRole('button', { name: '4 Satisfied' }).click();
    await page.getByRole('heading', { name: 'Thank you for your rating' }).waitFor();
    await cloud.settle();

    const auth = `Bearer ${(await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ada', role: 'admin' } })).body.token}`;
    const caseOf = async () =>
      (await api(cloud, `/v1/cases/${english.complaintId}`, { headers: { authorization: auth } })).body;
    const rated = await caseOf();
    const timeline = rated.timeline as { action?: string; actor?: string; detail?: Json }[];
    const followUps = timeline.filter((e) => e.action === 'follow-up');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({
      actor: 'customer',
      detail: { satisfaction: 4, comment: 'Quick and fair, thank you.' },
    });

    // again, from the page in Chinese: already recorded, nothing changes
    const again = await open(`/rate?t=${token}`, 'zh-CN');
    await again.getByRole('button', { name: '1 非常不满意' }).click();
    await again.getByRole('heading', { name: '您已评价过' }).waitFor();
    expect(await seriousViolations(again)).toEqual([]);
    await screenshot(again, 'rating-page-again-zh');
    const second = await api(cloud, '/v1/ratings', { method: 'POST', json: { t: token, satisfaction: 2 } });
    expect(second.status).toBe(409);
    await cloud.settle();
    const after = await caseOf();
    expect(after.version).toBe(rated.version);
    expect((after.timeline as { action?: string }[]).filter((e) => e.action === 'follow-up')).toHaveLength(1);
    const events = (await api(cloud, '/dev/events?type=complaint.follow-up-recorded&limit=50')).body
      .events as { detail: { data: Json } }[];
    expect(events.filter((e) => e.detail.data.complaintId === english.complaintId)).toHaveLength(1);

    // a status link does not rate
    const statusToken = signCustomerLink(
      { reference: english.reference, purpose: 'status' },
      linkSecret(),
      new Date(),
    );
    const refused = await api(cloud, '/v1/ratings', {
      method: 'POST',
      json: { t: statusToken, satisfaction: 5 },
    });
    expect(refused.status).toBe(400);
  });
});

describe('RSVP page', () => {
  it("shows the invitation in the guest's zone, seats the first, waitlists the next, and promotes on a decline", async () => {
    const admin = {
      authorization: `Bearer ${(await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ada', role: 'admin' } })).body.token}`,
    };
    const guests = { C2501: 'Asia/Shanghai', C2502: 'Europe/London' };
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      body: Object.entries(guests)
        .map(([customerId, timeZone], i) =>
          customerLine({ customerId, timeZone, email: `rsvp${i}@example.com`, phone: `1390025010${i}` }),
        )
        .join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 2, rejected: [] });
    const created = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: {
        title: '冬季养生健康讲座',
        kind: 'health-talk',
        customerIds: Object.keys(guests),
        venue: '静安客户服务中心',
        startsAt: '2026-12-20T06:00:00Z',
        capacity: 1,
      },
    });
    expect(created.status).toBe(201);
    // the invitation carries the page's address on the site, not the API's
    const links = await waitFor(async () => {
      const found = (
        (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
          detail: { data: Json };
        }[]
      )
        .map((e) => e.detail.data)
        .filter((d) => String(d.dedupeKey).startsWith(`customer-event#${created.body.eventId}-invitation#`))
        .map((d) => [
          d.customerId,
          /\/rsvp\?t=[\w.-]+/.exec((d.content as Record<string, { body: string }>).en!.body)?.[0],
        ]);
      return found.length === 2 ? (Object.fromEntries(found) as Record<string, string>) : undefined;
    }, 'the invitations');

    const shanghai = await open(links.C2501!, 'zh-CN');
    await shanghai.getByRole('heading', { name: '冬季养生健康讲座' }).waitFor();
    // 06:00 UTC is 14:00 in Shanghai
    expect(await shanghai.locator('#event-when').textContent()).toMatch(
      /2026年12月20日.*14:00.*Asia\/Shanghai/,
    );
    expect(await shanghai.locator('#event-seats').textContent()).toBe('1');
    expect(await shanghai.locator('#event-state').textContent()).toBe('尚未回复');
    expect(await seriousViolations(shanghai)).toEqual([]);
    await screenshot(shanghai, 'rsvp-page-zh');
    await shanghai.getByRole('button', { name: '我会参加' }).click();
    await shanghai.getByRole('heading', { name: '报名成功，您的席位已确认' }).waitFor();
    expect(await shanghai.locator('#event-seats').textContent()).toBe('0');
    await screenshot(shanghai, 'rsvp-page-seated-zh');

    const london = await open(links.C2502!, 'en');
    // the page fills in the event once its request answers: wait for it, as for Shanghai
    await london.getByRole('heading', { name: '冬季养生健康讲座' }).waitFor();
    // 06:00 UTC is 06:00 in London in December
    expect(await london.locator('#event-when').textContent()).toMatch(
      /December 20, 2026.*06:00.*Europe\/London/,
    );
    await london.getByRole('button', { name: 'I will come' }).click();
    await london.getByRole('heading', { name: 'The event is full: you are on the waitlist' }).waitFor();
    expect(await seriousViolations(london)).toEqual([]);
    await screenshot(london, 'rsvp-page-waitlisted-en');

    // the seated guest gives the seat up: it goes to the waitlist
    await shanghai.getByRole('button', { name: '无法参加' }).click();
    await shanghai.getByRole('heading', { name: '已收到您的回复' }).waitFor();
    await london.reload();
    await london.locator('#event-state').filter({ hasText: 'Coming (seat confirmed)' }).waitFor();

    const forged = await open(`${links.C2502!.slice(0, -2)}xx`, 'en');
    await forged.getByRole('alert').filter({ hasText: 'invalid or has expired' }).waitFor();
    expect(await forged.locator('#invitation').isHidden()).toBe(true);
  });
});

describe('lookup limit', () => {
  it('answers 429 problem+json with Retry-After past the per-client limit, by contact and by link alike', async () => {
    let answer = await api(cloud, '/v1/complaints/CMP-20261206-000000/status?contact=1234');
    // the default limit is 30 in 10 minutes; the tests above spent a few of them
    for (let i = 0; answer.status !== 429 && i < 40; i++) {
      expect(answer.status).toBe(404);
      answer = await api(cloud, '/v1/complaints/CMP-20261206-000000/status?contact=1234');
    }
    expect(answer.status).toBe(429);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.body).toMatchObject({ status: 429, title: 'Too many requests' });
    const token = signCustomerLink(
      { reference: english.reference, purpose: 'status' },
      linkSecret(),
      new Date(),
    );
    expect((await api(cloud, `/v1/status?t=${token}`)).status).toBe(429);
    const page = await open(`/status?t=${token}&lang=en`, 'en');
    await page.getByRole('alert').filter({ hasText: 'Too many lookups' }).waitFor();
  });
});
