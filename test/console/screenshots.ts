/**
 * `npm run console:screenshots`: every console page on the local cloud with the demo data, as
 * docs/screenshots/<page>.png (1280×800, a laptop screen, English), for the README. The same harness as the console
 * tests: built console, in-memory local cloud, Debian Chromium.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seedDemoData } from '../../infra/local/seed';
import { api, repoRoot } from '../support/local-cloud';
import { startConsoleHarness } from './harness';

const out = (name: string) => join(repoRoot, 'docs/screenshots', `${name}.png`);
const shot = async (page: Page, name: string) => {
  // let lazy chunks, fonts and charts settle before the picture
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out(name), fullPage: true });
  console.log(`docs/screenshots/${name}.png`);
};

/** The smallest screen the console is laid out for: a laptop's. */
const LAPTOP = { width: 1280, height: 800 };

const h = await startConsoleHarness();
try {
  await seedDemoData(h.cloud);
  const filed = await h.fileComplaint();
  await h.cloud.settle();
  const lead = { sub: 'lead-li', role: 'lead' as const, team: filed.team };
  const admin = { sub: 'admin-ada', role: 'admin' as const };

  {
    const context = await h.browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    await page.goto(`${h.cloud.url}/console/sign-in?lang=en`);
    await page.getByRole('button', { name: 'Sign in' }).first().waitFor({ timeout: 60_000 });
    await shot(page, 'sign-in');
    await context.close();
  }
  {
    const { context, page } = await h.signIn(lead, '/', 'en', LAPTOP);
    await page.getByText(filed.reference).first().waitFor({ timeout: 60_000 });
    await shot(page, 'queue');
    // the harness's complaint was filed with this phone (test/console/harness.ts)
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('+86 138 0013 8000');
    await page.getByRole('searchbox', { name: 'Search cases' }).press('Enter');
    await page.getByRole('heading', { name: /Search results/ }).waitFor({ timeout: 60_000 });
    await page.getByText(filed.reference).first().waitFor({ timeout: 60_000 });
    await shot(page, 'search');
    await page.goto(`${h.cloud.url}/console/cases/${filed.complaintId}?lang=en`);
    await page.getByRole('button', { name: 'Assign to me' }).waitFor({ timeout: 60_000 });
    await shot(page, 'case');
    await page.goto(`${h.cloud.url}/console/dashboard?lang=en`);
    await page.getByTestId('open').waitFor({ timeout: 60_000 });
    await shot(page, 'dashboard');
    await context.close();
  }
  {
    const token = await h.token(admin);
    // a date within the next two months on which the birthday campaign has an audience
    let date = '';
    for (let day = 0; day < 60 && !date; day++) {
      const candidate = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
      const preview = await api(h.cloud, `/v1/campaigns/birthday/preview?date=${candidate}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (Number(preview.body.wouldSend) > 0) date = candidate;
    }
    const { context, page } = await h.signIn(admin, '/admin/campaigns', 'en', LAPTOP);
    await page.getByRole('radio', { name: 'Birthday greeting' }).check({ timeout: 60_000 });
    if (date) await page.getByPlaceholder('YYYY/MM/DD').fill(date.replaceAll('-', '/'));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByTestId('preview-figures').waitFor({ timeout: 60_000 });
    await shot(page, 'admin-campaigns');

    await page.goto(`${h.cloud.url}/console/admin/preferences?lang=en`);
    await page.getByLabel('Customer id').fill('C00001');
    await page.getByRole('button', { name: 'Load' }).click();
    await page.getByLabel('Time zone').waitFor({ timeout: 60_000 });
    await shot(page, 'admin-preferences');

    const one = await api(h.cloud, '/v1/customers/C00002/preferences', {
      headers: { authorization: `Bearer ${token}` },
    });
    if (one.status !== 200) throw new Error(`demo customer C00002 answered ${one.status}`);
    const file = join(tmpdir(), `console-screenshot-${process.pid}.ndjson`);
    const line = (id: string) =>
      JSON.stringify({
        customerId: id,
        name: '示例客户',
        birthDate: '1970-01-01',
        phone: '13900139000',
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        preferredChannel: 'sms',
        consent: { service: true, marketing: false },
        policies: [],
      });
    writeFileSync(file, `${line('C90001')}\n{"customerId":"C90002","phone":"12"}\n${line('C90003')}\n`);
    await page.goto(`${h.cloud.url}/console/admin/import?lang=en`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByText(/rejected 1/)
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(page, 'admin-import');
    await context.close();
  }
} finally {
  await h.stop();
}
process.exit(0);
