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
const WAIT = { timeout: 30_000 };

beforeAll(async () => {
  h = await startConsoleHarness();
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

/** Searches from the queue's "Search cases" box and waits for the answer to be shown. */
async function search(page: Page, text: string) {
  const box = page.getByRole('searchbox', { name: 'Search cases' });
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === text.trim(), WAIT);
  await page.getByRole('heading', { name: `Search results for “${text.trim()}”` }).waitFor(WAIT);
}

/** The references listed in the queue's table once it has loaded. */
async function listedReferences(page: Page): Promise<string[]> {
  await page
    .locator('table')
    .getByText('Loading')
    .waitFor({ state: 'detached', ...WAIT });
  return page.locator('table tbody tr td:nth-child(1) a').allTextContents();
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

// each test drives Chromium through several round trips on a busy machine
describe('console', { timeout: 240_000 }, () => {
  it("an agent's day: find by reference, assign to me, request information, customer responds, resolve, close", async () => {
    const filed = await h.fileComplaint();
    const { page, context } = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, '/', 'en');
    await page.getByRole('heading', { name: 'Case queue', level: 1 }).waitFor(WAIT);
    expect(await h.seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/console-queue.png', fullPage: true });

    await search(page, filed.reference);
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

  it('finds a case by phone, email and policy number from the "Search cases" box, in the team only', async () => {
    const filed = await h.fileComplaint({
      customer: { name: '赵六', phone: '13712345678', email: 'zhao.liu@example.com' },
      policyNumber: 'P2026000777',
    });
    const { page, context } = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, '/', 'en');
    await page.getByRole('heading', { name: 'Case queue', level: 1 }).waitFor(WAIT);
    for (const text of ['+86 137 1234 5678', '137-1234-5678', 'Zhao.Liu@EXAMPLE.com', 'p2026000777']) {
      await search(page, text);
      expect(await listedReferences(page), text).toEqual([filed.reference]);
    }
    expect(await h.seriousViolations(page)).toEqual([]);
    await search(page, 'zhao@');
    await page.getByText(/Must be a reference \(CMP-…\), a phone number, an email address/).waitFor(WAIT);
    await context.close();

    const other = filed.team === 'claims' ? 'customer-service' : 'claims';
    const stranger = await h.signIn({ sub: 'sam', role: 'agent', team: other }, '/', 'en');
    await search(stranger.page, '13712345678');
    expect(await listedReferences(stranger.page)).toEqual([]);
    await stranger.context.close();
  });

  it('offers the extension tiers the role may approve, and shows the API refusing one beyond it', async () => {
    const filed = await h.fileComplaint({ customer: { name: '钱七', phone: '13722223333' } });
    const token = await h.token({ sub: 'reader', role: 'admin' });
    const detail = await api(h.cloud, `/v1/cases/${filed.complaintId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const regime = (detail.body.clocks as { name: string; regime: string }[]).find(
      (c) => c.name === 'resolve',
    )?.regime;
    // China's tiers (services/sla/regimes/regimes.json): 30 days for anyone, 60 with a lead's approval
    expect(regime).toBe('cn-nfra');
    const path = `/cases/${filed.complaintId}`;
    const tiersOffered = async (page: Page) => {
      const form = await openAction(page, 'Extend');
      await form.getByRole('button', { name: /Extension you may approve/ }).click();
      // the selected option also says so ("Selected …") for screen readers
      const offered = (await page.getByRole('option').allTextContents()).map((o) =>
        o.replace(/Selected .*$/, ''),
      );
      await page.keyboard.press('Escape');
      return { form, offered };
    };

    const lead = await h.signIn({ sub: 'lee', role: 'lead', team: filed.team }, path, 'en');
    await lead.page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);
    expect((await tiersOffered(lead.page)).offered).toEqual([
      'Up to 30 days in total (1–15 more days)',
      'Up to 60 days in total (16–45 more days; the customer is told)',
    ]);
    await lead.context.close();

    const agent = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, path, 'en');
    await agent.page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);
    const { form, offered } = await tiersOffered(agent.page);
    expect(offered).toEqual(['Up to 30 days in total (1–15 more days)']);
    await form.getByLabel('Days', { exact: true }).fill('20');
    await form.getByLabel('Reason', { exact: true }).fill('需要等待医院出具鉴定报告');
    await submitAction(agent.page, 'Extend');
    await agent.page.getByText(/needs approval by lead or admin/).waitFor(WAIT);
    expect(await form.getByLabel('Reason', { exact: true }).inputValue()).toBe('需要等待医院出具鉴定报告');
    expect(await h.seriousViolations(agent.page)).toEqual([]);
    await form.getByLabel('Days', { exact: true }).fill('10');
    await submitAction(agent.page, 'Extend');
    await agent.page.getByText('Done: Extend.').waitFor(WAIT);
    await agent.context.close();
  });

  it('lets a lead reassign several cases at once: a case changed meanwhile is named, the others move', async () => {
    const a = await h.fileComplaint({ customer: { name: '孙八', phone: '13733334444' } });
    const b = await h.fileComplaint({ customer: { name: '周九', phone: '13744445555' } });
    const lead = await h.signIn({ sub: 'lee', role: 'lead', team: a.team }, '/', 'en');
    await lead.page.getByRole('link', { name: a.reference }).waitFor(WAIT);
    await lead.page.getByRole('link', { name: b.reference }).waitFor(WAIT);
    await lead.page.getByRole('checkbox', { name: `Select case ${a.reference}` }).check();
    await lead.page.getByRole('checkbox', { name: `Select case ${b.reference}` }).check();
    await lead.page.getByRole('textbox', { name: 'New assignee' }).fill('bob');

    // meanwhile an agent takes b: the lead's selection holds the version b had before
    const agent = { authorization: `Bearer ${await h.token({ sub: 'ann', role: 'agent', team: b.team })}` };
    const before = await api(h.cloud, `/v1/cases/${b.complaintId}`, { headers: agent });
    const taken = await api(h.cloud, `/v1/cases/${b.complaintId}/assign`, {
      method: 'POST',
      headers: { ...agent, 'if-match': `"${before.body.version}"` },
      json: { assignee: 'ann' },
    });
    expect(taken.status).toBe(200);

    await lead.page.getByRole('button', { name: 'Reassign selected' }).click();
    await lead.page.getByText(`1 of 2 cases reassigned to bob`, { exact: false }).waitFor(WAIT);
    await lead.page
      .getByText(new RegExp(`changed by someone else meanwhile, or refused\\): ${b.reference}`))
      .waitFor(WAIT);
    const admin = { authorization: `Bearer ${await h.token({ sub: 'reader', role: 'admin' })}` };
    expect((await api(h.cloud, `/v1/cases/${a.complaintId}`, { headers: admin })).body.assignee).toBe('bob');
    expect((await api(h.cloud, `/v1/cases/${b.complaintId}`, { headers: admin })).body.assignee).toBe('ann');
    expect(await h.seriousViolations(lead.page)).toEqual([]);
    await lead.context.close();
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

  it('works from the keyboard alone: search, open the case, assign it to me', async () => {
    const filed = await h.fileComplaint({ customer: { name: '吴十', phone: '13755556666' } });
    const { page, context } = await h.signIn({ sub: 'ann', role: 'agent', team: filed.team }, '/', 'en');
    await page.getByRole('heading', { name: 'Case queue', level: 1 }).waitFor(WAIT);
    /** Presses Tab until the element is focused, as a person without a mouse would. */
    const tabTo = async (target: ReturnType<Page['getByRole']>) => {
      for (let presses = 0; presses < 60; presses++) {
        if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('never reached by Tab');
    };
    await tabTo(page.getByRole('searchbox', { name: 'Search cases' }));
    await page.keyboard.type('137 5555 6666');
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: filed.reference });
    await link.waitFor(WAIT);
    await tabTo(link);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Case ${filed.reference}` }).waitFor(WAIT);
    await tabTo(page.getByRole('button', { name: 'Assign to me', exact: true }));
    await page.keyboard.press('Enter');
    await waitStatus(filed.complaintId, 'assigned');
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
