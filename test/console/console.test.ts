/**
 * The console in headless Chromium against the local cloud: an agent's day end to end, a 412
 * conflict between two people, a session that ends while typing, the language switch, and
 * axe-core on every page this file covers.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/local-cloud';
import { type ConsoleHarness, startConsoleHarness } from './harness';

let h: ConsoleHarness;
let searchSupported = false;
const WAIT = { timeout: 30_000 };

beforeAll(async () => {
  h = await startConsoleHarness();
  // GET /v1/cases?q= comes with the search index; until it is there the agent opens the case from the queue
  const token = await h.token({ sub: 'probe', role: 'admin' });
  const probe = await api(h.cloud, '/v1/cases?q=CMP-00000000-AAAAAA', {
    headers: { authorization: `Bearer ${token}` },
  });
  searchSupported = probe.status === 200;
}, 300_000);
afterAll(async () => {
  await h?.stop();
});

/** The form of one action: expand its section, answer its form. */
async function openAction(page: Page, title: string) {
  const header = page.getByRole('button', { name: title, exact: true }).first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) })
    .last();
}

async function submitAction(page: Page, title: string) {
  const form = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) })
    .last();
  await form.locator('button[type="submit"]').click();
}

async function caseStatus(complaintId: string): Promise<string> {
  const token = await h.token({ sub: 'reader', role: 'admin' });
  const c = await api(h.cloud, `/v1/cases/${complaintId}`, { headers: { authorization: `Bearer ${token}` } });
  return c.body.status as string;
}

async function waitStatus(complaintId: string, status: string) {
  const deadline = Date.now() + 30_000;
  while ((await caseStatus(complaintId)) !== status) {
    if (Date.now() > deadline) throw new Error(`case never reached ${status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('console', () => {
  it("an agent's day: find by reference, assign to me, request information, customer responds, resolve, close", async () => {
    const filed = await h.fileComplaint();
    const { page, context } = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, '/', 'en');
    await page.getByRole('heading', { name: 'Case queue', level: 1 }).waitFor(WAIT);
    expect(await h.seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/console-queue.png', fullPage: true });

    if (searchSupported) {
      await page.getByRole('searchbox', { name: 'Search cases' }).fill(filed.reference);
      await page.getByRole('searchbox', { name: 'Search cases' }).press('Enter');
      await page.waitForURL(/[?&]q=/, WAIT);
    }
    await page.getByRole('link', { name: filed.reference }).click(WAIT);
    await page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);

    await page.getByRole('button', { name: 'Assign to me', exact: true }).click();
    await waitStatus(filed.complaintId, 'assigned');
    expect(await h.seriousViolations(page)).toEqual([]);

    const info = await openAction(page, 'Request information');
    await info.getByLabel('Message to the customer').fill('请提供医院出具的诊断证明和费用清单。');
    await submitAction(page, 'Request information');
    await waitStatus(filed.complaintId, 'awaiting-customer');

    const response = await openAction(page, 'Record customer response');
    await response.getByLabel('What the customer said').fill('已补充诊断证明和费用清单。');
    await submitAction(page, 'Record customer response');
    await waitStatus(filed.complaintId, 'in-progress');

    const resolve = await openAction(page, 'Resolve');
    await resolve
      .getByLabel('Decision letter to the customer')
      .fill('经复核，我司同意按合同约定赔付，款项将在五个工作日内到账。');
    await submitAction(page, 'Resolve');
    await waitStatus(filed.complaintId, 'resolved');

    await openAction(page, 'Close');
    await submitAction(page, 'Close');
    await waitStatus(filed.complaintId, 'closed');
    await page.getByText('Closed').first().waitFor(WAIT);
    await page.screenshot({ path: '/tmp/console-case.png', fullPage: true });
    await context.close();
  });

  it('a 412 shows "changed by someone else" with the new state and keeps what was typed', async () => {
    const filed = await h.fileComplaint();
    const path = `/cases/${filed.complaintId}`;
    const lead = await h.signIn({ sub: 'lee', role: 'lead', team: filed.team }, path, 'en');
    const agent = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, path, 'en');
    await lead.page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);
    await agent.page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);

    const assign = await openAction(lead.page, 'Assign');
    await assign.getByLabel('Assignee').fill('bob');
    await agent.page.getByRole('button', { name: 'Assign to me', exact: true }).click();
    await waitStatus(filed.complaintId, 'assigned');

    await submitAction(lead.page, 'Assign');
    const alert = lead.page.getByText('Changed by someone else', { exact: true });
    await alert.waitFor(WAIT);
    await lead.page.getByText(/assignee ann/).waitFor(WAIT);
    expect(await assign.getByLabel('Assignee').inputValue()).toBe('bob');
    expect(await h.seriousViolations(lead.page)).toEqual([]);
    await lead.page.screenshot({ path: '/tmp/console-412.png', fullPage: true });
    await lead.context.close();
    await agent.context.close();
  });

  it('a session that ends (the clock jumped) returns to sign-in and back with the typed text kept', async () => {
    const filed = await h.fileComplaint();
    const path = `/cases/${filed.complaintId}`;
    const { page, context } = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, path, 'en');
    await page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);
    const note = await openAction(page, 'Add note');
    await note.getByLabel('Note').fill('客户来电表示下周一会补充材料');

    await api(h.cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT13H' } });
    await submitAction(page, 'Add note');
    await page.getByText('Your session has ended').waitFor(WAIT);
    expect(await h.seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/console-sign-in.png', fullPage: true });

    await page.getByLabel('User name').fill('ann');
    // the complaint's team: the form's team list is in the console's language
    if (filed.team !== 'claims') throw new Error(`expected the claims team, triage chose ${filed.team}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);
    const again = await openAction(page, 'Add note');
    expect(await again.getByLabel('Note').inputValue()).toBe('客户来电表示下周一会补充材料');
    await context.close();
  });

  it('speaks Chinese by default and English with ?lang=en', async () => {
    const zh = await h.signIn({ sub: 'ann', role: 'agent', team: 'claims' });
    await zh.page.getByRole('heading', { name: '案件队列', level: 1 }).waitFor(WAIT);
    expect(await zh.page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await zh.page.getByRole('searchbox', { name: 'Search cases' }).count()).toBe(1);
    expect(await h.seriousViolations(zh.page)).toEqual([]);
    await zh.page.goto(`${h.cloud.url}/console/?lang=en`);
    await zh.page.getByRole('heading', { name: 'Case queue', level: 1 }).waitFor(WAIT);
    expect(await zh.page.getAttribute('html', 'lang')).toBe('en');
    await zh.context.close();
  });
});
