/**
 * The console bench (bench/console-web-main.ts runs it in a process of its own): what a person's
 * browser pays for the console, on the local cloud in Debian's Chromium.
 *
 * 1. First screen JavaScript: every script Chromium's network log shows for `/console/` after
 *    sign-in (the dev sign-in link, then the queue until it is interactive), each body gzipped at
 *    level 9 as CloudFront would serve it. Lazy chunks the queue does not load (the dashboard's
 *    charts, the admin pages) are not part of it. Goal ≤ 300 KB gzip.
 * 2. Time to an interactive queue of 500 cases: a lead of one team whose queue holds `cases` open
 *    complaints (bulk-loaded as the intake, triage and SLA services leave them), measured in the page
 *    from navigation start until the most urgent complaint's reference is shown and the "Search
 *    cases" box takes input; cold (a new browser context: nothing cached, the sign-in link first)
 *    and warm (a reload of /console/ in that context). Printed beside the API's own time for the
 *    queue requests the page made (Resource Timing in the page, and the same request from Node).
 */
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { ulid } from 'ulid';
import type { Complaint } from '#shared/contracts/complaint';
import type { Category } from '#shared/contracts/vocabulary';
import {
  complaintKey,
  customerHistoryKey,
  receivedMonthKey,
  teamQueuePartition,
} from '#shared/tables/complaints';
import { buildConsole, consoleDist } from '../infra/local/build-console';
import { type LocalCloud, startLocalCloud } from '../infra/local/cloud';
import { seededRandom } from '../infra/local/demo-data';
import { topology } from '../infra/topology';
import { newReference } from '../services/intake/domain/reference';
import { launchChromium } from '../test/support/browser';
import type { BenchReport } from './console';
import { bulkLoader, type WriteCounts, writeBatch } from './dynamo-counting';
import { type Column, heading, KIB, kb, median, ms, table } from './format';

export interface ConsoleBenchOptions {
  readonly root: string;
  /** Open complaints in the lead's team queue. */
  readonly cases: number;
  /** Timed page loads (cold and warm each), after `warmups` untimed ones. */
  readonly runs: number;
  readonly warmups: number;
  readonly progress: (text: string) => void;
}

const FIRST_SCREEN_GOAL_KB = 300;
const TEAM = 'claims';
const CATEGORY: Category = 'claims';
const LEAD = { sub: 'lead-bench', role: 'lead', team: TEAM } as const;
const DAY = 86_400_000;
const TIME_ZONE = 'Asia/Shanghai';

/**
 * `count` open complaints of one team as the services leave them (intake's item, triage's decision,
 * the SLA service's queue order), due over the next 30 days from `now`. Returns the references in
 * queue order, most urgent first.
 */
export async function loadOpenQueue(
  cloud: LocalCloud,
  count: number,
  now: Date,
  seed = 15,
): Promise<{ references: string[] }> {
  const random = seededRandom(seed);
  const loaded: { order: string; reference: string }[] = [];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const receivedMs = now.getTime() - Math.floor(random() * 10 * DAY);
    const receivedAt = new Date(receivedMs);
    const complaintId = ulid(receivedMs, random);
    const dueAt = new Date(now.getTime() + (0.2 + random() * 30) * DAY).toISOString();
    const status = (['triaged', 'assigned', 'in-progress', 'awaiting-customer'] as const)[i % 4]!;
    const complaint: Complaint = {
      complaintId,
      reference: newReference(receivedAt, TIME_ZONE, (max) => Math.floor(random() * max)),
      status,
      channel: i % 3 === 0 ? 'hotline' : 'web',
      receivedAt: receivedAt.toISOString(),
      correlationId: `console-bench-${i}`,
      customer: { name: '测试客户', phone: `139${String(i).padStart(8, '0')}` },
      customerKey: `phone:console-bench-${i}`,
      description: '理赔材料交齐一个月了还没有赔款，请尽快处理。',
      preferredChannel: 'sms',
      language: 'zh-CN',
      category: CATEGORY,
      priority: (['P1', 'P2', 'P3', 'P4'] as const)[Math.floor(random() * 4)]!,
      team: TEAM,
      assignee: status === 'triaged' ? undefined : `agent-${TEAM}-${String(i % 12).padStart(2, '0')}`,
      customerDeadline: { name: 'resolve', dueAt },
      regime: 'cn-nfra',
      version: 1,
    };
    const order = `${dueAt}#${complaintId}`;
    loaded.push({ order, reference: complaint.reference });
    items.push({
      ...complaintKey(complaintId),
      ...customerHistoryKey(complaint.customerKey, complaint.receivedAt, complaintId),
      ...receivedMonthKey(complaint.receivedAt, complaintId),
      kind: 'complaint',
      ...complaint,
      triage: {
        category: CATEGORY,
        priority: complaint.priority,
        team: TEAM,
        signals: [],
        reasons: [{ rule: 'team', detail: `${CATEGORY} → ${TEAM}` }],
        rulesVersion: 'bench',
        decidedAt: new Date(receivedMs + 2_000).toISOString(),
      },
      gsi1pk: teamQueuePartition(TEAM),
      gsi1sk: order,
      updatedAt: new Date(receivedMs + 3_000).toISOString(),
    });
  }
  const loader = bulkLoader(cloud.dynamo);
  const counts: WriteCounts = { calls: 0, retries: 0 };
  for (let i = 0; i < items.length; i += 25) {
    await writeBatch(loader, cloud.tableNames.Complaints!, items.slice(i, i + 25), counts);
  }
  return { references: loaded.sort((a, b) => a.order.localeCompare(b.order)).map((l) => l.reference) };
}

interface ScriptLoad {
  readonly url: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Milliseconds from navigation start until the reference shows and the search box takes input. */
async function interactiveAt(page: Page, reference: string): Promise<number> {
  // a string, evaluated in the page (this project's tsconfig has no DOM types)
  const handle = await page.waitForFunction(
    `(() => {
      const box = document.querySelector('input[type="search"], [role="searchbox"]');
      const shown = document.body.textContent.includes(${JSON.stringify(reference)});
      return box && !box.disabled && shown ? performance.now() : false;
    })()`,
    undefined,
    { timeout: 120_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Durations (ms) of the queue requests the page made, from its Resource Timing entries. */
async function queueRequestTimes(page: Page): Promise<number[]> {
  return page.evaluate(`performance
    .getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === '/v1/cases')
    .map((e) => e.responseEnd - e.startTime)`) as Promise<number[]>;
}

export async function runConsoleBench(options: ConsoleBenchOptions): Promise<BenchReport> {
  const { cases, runs, warmups, progress } = options;
  const lines: string[] = [];
  const problems: string[] = [];
  // always a fresh production build: one left by the test suite was built under NODE_ENV=test and
  // carries React's development build (~65 KB gzip more on the first screen)
  progress('console: building the console');
  process.env.NODE_ENV = 'production';
  await buildConsole(options.root, { quiet: true });
  progress('console: starting the local cloud');
  const cloud = await startLocalCloud({
    topology,
    port: 0,
    sesPort: 0,
    root: options.root,
    webDir: `${options.root}/web`,
    consoleDir: consoleDist(options.root),
  });
  const browser = await launchChromium();
  try {
    const now = cloud.clock.now();
    progress(`console: loading ${cases} open complaints`);
    const { references } = await loadOpenQueue(cloud, cases, now);
    const mostUrgent = references[0]!;
    const signIn = `${cloud.url}/console/dev-sign-in?sub=${LEAD.sub}&role=${LEAD.role}&team=${LEAD.team}`;

    // --- 1. first screen JavaScript, from the network log of a fresh context ---
    progress('console: first screen');
    const scripts: ScriptLoad[] = [];
    {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      // sign in first, then load /console/ again with an empty cache: what the first screen costs a
      // signed-in person (the sign-in pages' own chunks are not part of it)
      await page.goto(signIn);
      await interactiveAt(page, mostUrgent);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const pending: Promise<void>[] = [];
      page.on('response', (response: Response) => {
        if (response.request().resourceType() !== 'script') return;
        pending.push(
          response.body().then(
            (body) => {
              scripts.push({
                url: response.url(),
                bytes: body.length,
                gzipBytes: gzipSync(body, { level: 9 }).length,
              });
            },
            () => undefined,
          ),
        );
      });
      await page.goto(`${cloud.url}/console/`);
      await interactiveAt(page, mostUrgent);
      await Promise.all(pending);
      await context.close();
    }
    const totalGzip = scripts.reduce((n, s) => n + s.gzipBytes, 0);
    const totalRaw = scripts.reduce((n, s) => n + s.bytes, 0);
    const scriptRows = [...scripts]
      .sort((a, b) => b.gzipBytes - a.gzipBytes)
      .map((s) => [new URL(s.url).pathname, kb(s.bytes), kb(s.gzipBytes)]);
    const columns: Column[] = [
      { header: 'script' },
      { header: 'KB', align: 'right' },
      { header: 'gzip KB', align: 'right' },
    ];
    lines.push(
      heading(
        'Console: first screen JavaScript (/console/ after sign-in, empty cache, Chromium network log)',
      ),
      table(columns, [...scriptRows, ['total', kb(totalRaw), kb(totalGzip)]]),
      '',
      table(
        [
          { header: 'figure' },
          { header: 'measured', align: 'right' },
          { header: 'goal', align: 'right' },
          { header: '' },
        ],
        [
          [
            'first screen JS, gzip KB',
            kb(totalGzip),
            `≤ ${FIRST_SCREEN_GOAL_KB}`,
            totalGzip <= FIRST_SCREEN_GOAL_KB * KIB ? 'PASS' : 'OVER',
          ],
        ],
      ),
    );
    if (scripts.length === 0) problems.push('Chromium loaded no script for /console/');

    // --- 2. time to an interactive queue, cold and warm, beside the API's own time ---
    const cold: number[] = [];
    const warm: number[] = [];
    const pageApi: number[] = [];
    for (let run = 0; run < warmups + runs; run++) {
      progress(`console: queue load ${run + 1}/${warmups + runs}`);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(signIn);
      const coldMs = await interactiveAt(page, mostUrgent);
      await page.goto(`${cloud.url}/console/`);
      const warmMs = await interactiveAt(page, mostUrgent);
      const apiMs = await queueRequestTimes(page);
      await context.close();
      if (run < warmups) continue;
      cold.push(coldMs);
      warm.push(warmMs);
      pageApi.push(...apiMs);
    }
    // the same request from Node: what the API alone takes for the queue's first page
    const token = (
      (await (
        await fetch(`${cloud.url}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(LEAD),
        })
      ).json()) as { token: string }
    ).token;
    const direct: number[] = [];
    for (let run = 0; run < warmups + runs; run++) {
      const started = performance.now();
      const res = await fetch(`${cloud.url}/v1/cases?team=${TEAM}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (run >= warmups) direct.push(performance.now() - started);
    }
    const api = median(direct);
    const ratio = (value: number) => `${(value / api).toFixed(1)}x`;
    lines.push(
      '',
      heading(
        `Console: time to an interactive queue of ${cases} cases (Chromium, local cloud, ${runs} runs, median)`,
      ),
      table(
        [{ header: 'measure' }, { header: 'ms', align: 'right' }, { header: 'vs API', align: 'right' }],
        [
          [
            'queue interactive, cold (new context: sign-in link, nothing cached)',
            ms(median(cold)),
            ratio(median(cold)),
          ],
          [
            'queue interactive, warm (reload /console/, scripts cached)',
            ms(median(warm)),
            ratio(median(warm)),
          ],
          [
            'GET /v1/cases as the page made it (Resource Timing)',
            ms(median(pageApi)),
            ratio(median(pageApi)),
          ],
          ['GET /v1/cases?team= from Node (the API alone)', ms(api), '1.0x'],
        ],
      ),
    );
  } finally {
    await browser.close();
    await cloud.stop();
  }
  return { lines, problems, measured: problems.length === 0 };
}
