/**
 * The lead's dashboard and the admin pages in Chromium on the local cloud: the dashboard shows the
 * reports API's own numbers; campaigns list, preview a date and show runs; preferences load and save
 * with If-Match; an NDJSON import reports its progress and its rejected lines; and no page has a
 * serious or critical axe-core violation.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintReport } from '../../services/cases/domain/report';
import { api } from '../support/local-cloud';
import { type ConsoleHarness, startConsoleHarness } from './harness';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
}, 300_000);
afterAll(async () => {
  await h?.stop();
});

const shanghaiDate = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe('lead dashboard', () => {
  it('shows the reports API numbers for the last 90 days, and has no serious axe violation', async () => {
    const first = await h.fileComplaint();
    await h.fileComplaint({ customer: { name: '李四', phone: '13900139001' } });
    const lead = { sub: 'lead-li', role: 'lead' as const, team: first.team };
    const { context, page } = await h.signIn(lead, '/dashboard', 'en');
    try {
      const now = new Date();
      const from = shanghaiDate(new Date(now.getTime() - 89 * 86_400_000));
      const res = await api(h.cloud, `/v1/reports/complaints?from=${from}&to=${shanghaiDate(now)}`, {
        headers: { authorization: `Bearer ${await h.token(lead)}` },
      });
      expect(res.status).toBe(200);
      const report = res.body as unknown as ComplaintReport;
      expect(report.now.open).toBeGreaterThanOrEqual(2);
      const figure = (id: string) => page.getByTestId(id).textContent({ timeout: 60_000 });
      expect(await figure('open')).toBe(String(report.now.open));
      expect(await figure('due-today')).toBe(String(report.now.dueToday));
      expect(await figure('warnings')).toBe(String(report.now.warnings));
      expect(await figure('breaches')).toBe(String(report.now.breaches));
      expect(await figure('escalated')).toBe(String(report.now.escalated));
      expect(await figure('resolved')).toBe(String(report.timeToResolve.resolved));
      // the team's row of "open by team"
      const row = page.getByRole('row').filter({ hasText: 'Claims' }).first();
      if (first.team === 'claims')
        await expect.poll(() => row.textContent()).toContain(String(report.now.openByTeam.claims));
      await page.getByRole('button', { name: 'Refresh' }).click();
      expect(await figure('open')).toBe(String(report.now.open));
      expect(await h.seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});

describe('admin pages', () => {
  const admin = { sub: 'admin-ada', role: 'admin' as const };

  it('lists campaigns, previews a date with the rendered message, shows runs', async () => {
    const { context, page } = await h.signIn(admin, '/admin/campaigns', 'en');
    try {
      await page.getByText('Birthday greeting').waitFor({ timeout: 60_000 });
      expect(await h.seriousViolations(page)).toEqual([]);
      await page.getByRole('radio', { name: 'Birthday greeting' }).check();
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.getByTestId('preview-figures').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('preview-figures').textContent()).toMatch(/Audience: \d+ · Planned: \d+/);
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
      expect(await h.seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('imports an NDJSON file with a progress bar and rejected lines, then edits a preference with If-Match', async () => {
    const customer = (id: string) =>
      JSON.stringify({
        customerId: id,
        name: '测试客户',
        birthDate: '1960-05-01',
        phone: '13900139000',
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        preferredChannel: 'sms',
        consent: { service: true, marketing: true },
        policies: [],
      });
    const file = join(tmpdir(), `console-import-${process.pid}.ndjson`);
    writeFileSync(file, `${customer('C9001')}\n{"customerId":"C9002","phone":"bad"}\n${customer('C9003')}\n`);
    const { context, page } = await h.signIn(admin, '/admin/import', 'en');
    try {
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page
        .getByText('Created 2, updated 0, unchanged 0, rejected 1')
        .first()
        .waitFor({ timeout: 60_000 });
      const rejected = page.getByRole('row').filter({ hasText: 'name' });
      expect(await rejected.first().textContent()).toMatch(/^2/);
      expect(await h.seriousViolations(page)).toEqual([]);

      await page.goto(`${h.cloud.url}/console/admin/preferences?lang=en`);
      await page.getByLabel('Customer id').fill('C9003');
      await page.getByRole('button', { name: 'Load' }).click();
      await page.getByLabel('Time zone').waitFor({ timeout: 60_000 });
      expect(await h.seriousViolations(page)).toEqual([]);
      await page.getByLabel(/Quiet hours/).fill('22:00–07:30');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(/Saved \(version \d+\)/).waitFor({ timeout: 60_000 });
      const stored = await api(h.cloud, '/v1/customers/C9003/preferences', {
        headers: { authorization: `Bearer ${await h.token(admin)}` },
      });
      expect(stored.body.quietHours).toEqual({ start: '22:00', end: '07:30' });
    } finally {
      await context.close();
    }
  }, 240_000);
});
