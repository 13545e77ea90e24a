/**
 * The complaint form in headless Chromium against the local cloud: a customer fills it in and sees
 * the reference; bad input shows every field error next to its field, in the chosen language.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../infra/local/build-web';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { launchChromium } from '../support/browser';
import { api, repoRoot, startTestCloud } from '../support/local-cloud';

let cloud: LocalCloud;
let browser: Browser;
/** How long a poll waits for an event to cross the outbox relay and the bus (a cap, not an expectation). */
const RELAY_WAIT_MS = 20_000;

beforeAll(async () => {
  await buildWeb(repoRoot);
  cloud = await startTestCloud(topology, { webDir: resolve(repoRoot, 'web') });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

async function openForm(locale: string): Promise<Page> {
  const page = await browser.newPage({ locale });
  await page.goto(`${cloud.url}/`);
  return page;
}

describe('complaint form', () => {
  it('files a complaint and shows the reference', async () => {
    const page = await openForm('zh-CN');
    await page.getByLabel('姓名').fill('张三');
    await page.getByLabel('手机号码').fill('13900139000');
    await page.getByLabel('保单号（选填）').fill('P2024000123');
    await page.getByLabel('投诉类别（选填）').selectOption('claims');
    await page
      .getByLabel('请描述您的问题')
      .fill('理赔申请提交一个月了还没有结果，客服说在审核，但一直没有进展。');
    await page.getByLabel('我同意贵公司为处理本次投诉而处理我的个人信息。').check();
    // wait for the server's answer and then for the page to show it, however long a loaded
    // machine takes (a one-second poll was flaky), not for a fixed time
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/v1/complaints') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '提交投诉' }).click();
    expect((await answered).status()).toBe(201);

    const reference = page.locator('#reference');
    await reference.filter({ hasText: /^CMP-\d{8}-[0-9A-Z]{6}$/ }).waitFor();
    await page
      .screenshot({ path: resolve(repoRoot, '.data/complaint-form-success.png') })
      .catch(() => undefined);

    const ref = await reference.textContent();
    const status = await api(cloud, `/v1/complaints/${ref}/status?contact=9000`);
    // triage may already have run by the time we ask
    expect(['received', 'triaged']).toContain(status.body.status);
    await page.close();
  });

  it('shows every field error next to its field before sending, in English after switching', async () => {
    const page = await openForm('zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Full name').fill('Ann');
    await page.getByLabel('Resident ID number (optional)').fill('110101199003074513');
    await page.getByLabel('Describe the problem').fill('too short');
    await page.getByRole('button', { name: 'Send complaint' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor({ state: 'visible' });
    const errorOf = (id: string) => page.locator(`#${id}-error`).textContent();
    expect(await errorOf('phone')).toContain('give a phone number or an email address');
    expect(await errorOf('idNumber')).toContain('not valid');
    expect(await errorOf('description')).toContain('10 to 5000');
    expect(await errorOf('consent')).toContain('consent');
    expect(await page.getByLabel('Mobile number').getAttribute('aria-invalid')).toBe('true');
    // the error is announced with the field, not only in the summary
    expect(await page.getByLabel('Mobile number').getAttribute('aria-describedby')).toContain('phone-error');
    await page.close();
  });

  it('clears the error summary when the corrected complaint is filed', async () => {
    const page = await openForm('en');
    await page.getByLabel('Full name').fill('Ann Lee');
    await page.getByLabel('Email address').fill('ann.lee@example.com');
    await page.getByLabel('Describe the problem').fill('My premium was taken twice this month.');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    const summary = page.locator('#error-summary');
    await summary.waitFor(); // no consent yet

    await page.getByLabel('I agree that you process my personal data to handle this complaint.').check();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('#success').waitFor();
    expect(await summary.isVisible()).toBe(false);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('files a complaint marked as financial hardship when the customer ticks the box', async () => {
    const page = await openForm('en');
    await page.getByLabel('Full name').fill('Ann Lee');
    await page.getByLabel('Email address').fill('ann.hardship@example.com');
    await page.getByLabel('Describe the problem').fill('My premium was taken twice this month.');
    await page.getByLabel('I am in financial hardship, or I have received a default notice').check();
    await page.getByLabel('I agree that you process my personal data to handle this complaint.').check();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    const reference = page.locator('#reference');
    await reference.filter({ hasText: /^CMP-\d{8}-[0-9A-Z]{6}$/ }).waitFor();
    const ref = await reference.textContent();
    type Received = { detail: { data: { reference: string; hardship?: boolean } } };
    const hardshipOf = async () =>
      ((await api(cloud, '/dev/events?type=complaint.received&limit=50')).body.events as Received[]).find(
        (e) => e.detail.data.reference === ref,
      )?.detail.data.hardship;
    // the event reaches the bus through the outbox relay: wait for it
    await expect.poll(hardshipOf, { timeout: RELAY_WAIT_MS }).toBe(true);
    await page.close();
  });

  it("shows the server's field errors when the server refuses", async () => {
    const page = await openForm('en');
    await page.route('**/v1/complaints', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://complaint-care.example/problems/validation',
          title: 'Invalid request',
          status: 400,
          detail: 'The request has invalid fields.',
          errors: [{ path: 'body.policyNumber', message: 'Unknown policy' }],
        }),
      }),
    );
    await page.getByLabel('Full name').fill('Ann Lee');
    await page.getByLabel('Email address').fill('ann@example.com');
    await page.getByLabel('Policy number (optional)').fill('P2024000123');
    await page.getByLabel('Describe the problem').fill('My premium was taken twice this month.');
    await page.getByLabel('I agree that you process my personal data to handle this complaint.').check();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('#policyNumber-error').filter({ hasText: 'policy number' }).waitFor();
    await page.close();
  });
});
