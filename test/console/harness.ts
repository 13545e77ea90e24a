/**
 * What every console browser test needs: a local cloud serving the built console, headless Debian
 * Chromium, signing in as someone, and complaints filed and triaged through the real routes.
 * The console is built once and rebuilt only when its sources changed since.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleDist, ensureConsoleBuilt } from '../../infra/local/build-console';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { launchChromium } from '../support/browser';
import { api, repoRoot, startTestCloud, waitFor } from '../support/local-cloud';

export interface ConsoleHarness {
  readonly cloud: LocalCloud;
  readonly browser: Browser;
  /** A fresh browser context signed in as this person, on the page `path` (default the queue). */
  signIn(
    who: { sub: string; role: 'agent' | 'lead' | 'admin'; team?: string },
    path?: string,
    lang?: string,
    viewport?: { width: number; height: number },
  ): Promise<{ context: BrowserContext; page: Page }>;
  token(who: { sub: string; role: 'agent' | 'lead' | 'admin'; team?: string }): Promise<string>;
  /** Files a web complaint and waits until triage has routed it; answers its ids and team. */
  fileComplaint(
    overrides?: Record<string, unknown>,
  ): Promise<{ complaintId: string; reference: string; team: string }>;
  /** Serious and critical axe-core violations on the page as it is now. */
  seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]>;
  stop(): Promise<void>;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  await ensureConsoleBuilt(repoRoot);
  const cloud = await startTestCloud(topology, { consoleDir: consoleDist(repoRoot) });
  const browser = await launchChromium();
  const token = async (who: { sub: string; role: string; team?: string }) =>
    (await api(cloud, '/dev/token', { method: 'POST', json: who })).body.token as string;
  const admin = await token({ sub: 'harness-admin', role: 'admin' });
  return {
    cloud,
    browser,
    token,
    async signIn(who, path = '/', lang, viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport });
      const page = await context.newPage();
      const query = new URLSearchParams({ sub: who.sub, role: who.role, returnTo: path });
      if (who.team) query.set('team', who.team);
      if (lang) query.set('lang', lang);
      await page.goto(`${cloud.url}/console/dev-sign-in?${query}`);
      await page.waitForURL((url) => !url.pathname.includes('dev-sign-in'), { timeout: 30_000 });
      return { context, page };
    },
    async fileComplaint(overrides = {}) {
      const filed = await api(cloud, '/v1/complaints', {
        method: 'POST',
        json: {
          customer: { name: '王小明', phone: '13800138000', email: 'wang@example.com' },
          policyNumber: 'P2024000123',
          category: 'claims',
          description: '理赔申请提交一个月了还没有结果，客服说在审核，但一直没有进展。',
          consent: { dataProcessing: true },
          ...overrides,
        },
      });
      if (filed.status !== 201) throw new Error(`filing answered ${filed.status}`);
      const complaintId = filed.body.complaintId as string;
      const team = await waitFor(
        async () => {
          const c = await api(cloud, `/v1/cases/${complaintId}`, {
            headers: { authorization: `Bearer ${admin}` },
          });
          return c.body.status === 'triaged' && (c.body.clocks as unknown[]).length > 0
            ? (c.body.team as string)
            : undefined;
        },
        'triage and SLA clocks',
        60_000,
      );
      return { complaintId, reference: filed.body.reference as string, team };
    },
    async seriousViolations(page) {
      const result = await new AxeBuilder({ page } as never).analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.map((n) => n.target.join(' ')) }));
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await cloud.stop();
    },
  };
}
