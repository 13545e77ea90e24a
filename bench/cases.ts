/**
 * The case queue bench (bench/cases-main.ts runs it in a process of its own): what does a page of
 * GET /v1/cases cost with 50,000 complaints, and does that cost grow with the table?
 *
 * `startLocalCloud` with infra/topology.ts (DynamoDB Local in memory, every handler in-process),
 * then complaint items bulk-loaded with BatchWriteItem straight into the Complaints table: the item
 * the intake store writes (services/intake/adapters/dynamo-complaint-store.ts: complaint key, gsi2,
 * gsi4, kind, the complaint) with the fields triage sets (status, category, priority, team, triage,
 * gsi1pk) and the SLA service keeps (gsi1sk = `<earliest deadline>#<id>`, customerDeadline; closed
 * ones sort last with `9999-12-31T23:59:59.999Z#<id>`). The large set goes into the real table, the
 * small one into a copy of it (same keys and indexes) in the same DynamoDB Local; the bench points
 * the handlers at one or the other by switching COMPLAINTS_TABLE before each request (the adapter
 * reads the name on every call), so both sizes are measured interleaved on the same warm JVM.
 *
 * Every page is a real HTTP request to the local API with a token from POST /dev/token. Items read
 * per page come from a middleware on the shared `dynamo()` document client (shared/aws/clients.ts)
 * that sums ScannedCount of the gsi1 queries made inside each cases-api invocation (invocations
 * are told apart with AsyncLocalStorage around `cloud.invoker.invoke`). Once per scenario and
 * size the bench also calls `listCases` with the real adapter directly and compares the adapter's
 * own `itemsRead` with the middleware's count, and it compares every walk's first pages with the
 * order computed from the loaded data (no page may skip or repeat a complaint).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { dynamo } from '#shared/aws/clients';
import type { Complaint } from '#shared/contracts/complaint';
import { tables } from '#shared/contracts/tables';
import {
  type Category,
  type ComplaintStatus,
  type Priority,
  type Team,
  teams,
} from '#shared/contracts/vocabulary';
import type { Principal } from '#shared/http/principal';
import {
  complaintKey,
  customerHistoryKey,
  receivedMonthKey,
  teamQueuePartition,
} from '#shared/tables/complaints';
import { type LocalCloud, startLocalCloud } from '../infra/local/cloud';
import { seededRandom } from '../infra/local/demo-data';
import { topology } from '../infra/topology';
import { dynamoCaseQueries } from '../services/cases/adapters/dynamo-case-queries';
import { decodeCursor, listCases, type QueueFilter } from '../services/cases/domain/case-views';
import { newReference } from '../services/intake/domain/reference';
import {
  addCallMiddleware,
  bulkLoader,
  itemsOfCall,
  localDynamoClient,
  type WriteCounts,
  writeBatch,
} from './dynamo-counting';
import { type Column, heading, ms, quantile, table } from './format';

export interface CasesBenchOptions {
  readonly root: string;
  /** Complaints of the large and the small table. */
  readonly large: number;
  readonly small: number;
  /** Timed requests per scenario and size, at least (whole walks, so a few more). */
  readonly requests: number;
  /** Pages per walk: the first page and the ones after it, by cursor, until the cursor ends. */
  readonly pages: number;
  readonly limit: number;
  /** Untimed walks per scenario and size before the timed ones. */
  readonly warmupWalks: number;
  /** BatchWriteItem calls in flight while loading. */
  readonly concurrency: number;
  readonly progress: (text: string) => void;
}

export interface CasesBenchReport {
  lines: string[];
  problems: string[];
  measured: boolean;
}

const BATCH = 25;
const DAY = 86_400_000;
const TIME_ZONE = 'Asia/Shanghai';
/** Receipts spread over the 90 days before this instant (fixed, so every run loads the same). */
const BASE = Date.parse('2026-11-20T00:00:00Z');
const RECEIPT_SPAN = 90 * DAY;
const CLOSED_ORDER = '9999-12-31T23:59:59.999Z';
const AGENTS_PER_TEAM = 20;
const AGENT_TEAM: Team = 'claims';
const AGENT = 'agent-claims-07';

/** Open statuses of a triaged complaint (received ones have no team yet), and closed ones. */
const STATUS_WEIGHTS: readonly (readonly [ComplaintStatus, number])[] = [
  ['triaged', 0.13],
  ['assigned', 0.13],
  ['in-progress', 0.26],
  ['awaiting-customer', 0.1],
  ['resolved', 0.18],
  ['closed', 0.2],
];
const PRIORITY_WEIGHTS: readonly (readonly [Priority, number])[] = [
  ['P1', 0.1],
  ['P2', 0.25],
  ['P3', 0.4],
  ['P4', 0.25],
];
/**
 * Days from receipt to the customer-facing deadline: [min, max), the same for every priority, so a
 * priority filter matches the same share at the front of the queue as further back.
 */
const DUE_DAYS: readonly [number, number] = [3, 30];
const TEAM_CATEGORY: Record<Team, Category> = {
  claims: 'claims',
  'sales-compliance': 'sales',
  'customer-service': 'service-quality',
  'policy-services': 'policy-service',
  'privacy-office': 'privacy',
  'escalation-desk': 'other',
};

interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly principal: Principal;
  readonly filter: QueueFilter;
}

const agent: Principal = { sub: AGENT, role: 'agent', team: AGENT_TEAM };
const adminPrincipal: Principal = { sub: 'admin-01', role: 'admin', team: undefined };

const SCENARIOS: readonly Scenario[] = [
  { key: 'a', title: `agent, own team (${AGENT_TEAM}), no filter`, principal: agent, filter: {} },
  { key: 'b1', title: 'agent, priority=P1 (~10%)', principal: agent, filter: { priority: 'P1' } },
  {
    key: 'b2',
    title: 'agent, status=awaiting-customer (~10%)',
    principal: agent,
    filter: { status: 'awaiting-customer' },
  },
  {
    key: 'b3',
    title: `agent, assignee=self (~${((0.5 / AGENTS_PER_TEAM) * 100).toFixed(1)}%)`,
    principal: agent,
    filter: { assignee: AGENT },
  },
  { key: 'c', title: 'admin, all 6 teams merged', principal: adminPrincipal, filter: {} },
  {
    key: 'c1',
    title: 'admin, all teams, priority=P1',
    principal: adminPrincipal,
    filter: { priority: 'P1' },
  },
  {
    key: 'c2',
    title: `admin, all teams, assignee=${AGENT} (one agent's cases)`,
    principal: adminPrincipal,
    filter: { assignee: AGENT },
  },
];

function weighted<T>(weights: readonly (readonly [T, number])[], r: number): T {
  let acc = 0;
  for (const [value, w] of weights) {
    acc += w;
    if (r < acc) return value;
  }
  return weights.at(-1)![0];
}

/** What the bench keeps of each loaded complaint, to compute the expected queue order. */
interface Loaded {
  readonly id: string;
  readonly team: Team;
  readonly order: string;
  readonly status: ComplaintStatus;
  readonly priority: Priority;
  readonly assignee?: string;
}

interface Dataset {
  readonly size: number;
  readonly table: string;
  readonly loaded: Loaded[];
}

function corpusTexts(root: string): { zh: string[]; en: string[] } {
  const corpus = JSON.parse(readFileSync(path.join(root, 'services/triage/test/corpus.json'), 'utf8')) as {
    language: string;
    text: string;
  }[];
  return {
    zh: corpus.filter((c) => c.language === 'zh-CN').map((c) => c.text),
    en: corpus.filter((c) => c.language !== 'zh-CN').map((c) => c.text),
  };
}

/** One complaint item: the intake store's item, then what triage and the SLA service set on it. */
function complaintItem(
  index: number,
  random: () => number,
  texts: { zh: string[]; en: string[] },
  rulesVersion: string,
): { item: Record<string, unknown>; loaded: Loaded } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const receivedMs = Math.floor(BASE - random() * RECEIPT_SPAN);
  const receivedAt = new Date(receivedMs);
  const complaintId = ulid(receivedMs, random);
  const team = teams[Math.floor(random() * teams.length)]!;
  const priority = weighted(PRIORITY_WEIGHTS, random());
  // half of the complaints have an assignee; triaged ones never, assigned ones always
  const assignee =
    index % 2 === 1
      ? `agent-${team}-${String(Math.floor(random() * AGENTS_PER_TEAM)).padStart(2, '0')}`
      : undefined;
  let status = weighted(STATUS_WEIGHTS, random());
  if (status === 'triaged' && assignee) status = 'assigned';
  else if (status === 'assigned' && !assignee) status = 'triaged';
  const english = random() < 0.2;
  const language = english ? 'en' : 'zh-CN';
  const description = Array.from({ length: 3 }, () => pick(english ? texts.en : texts.zh)).join(
    english ? ' ' : '。',
  );
  const phone = `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
  const customerKey = `phone:${Math.floor(random() * 2 ** 52)
    .toString(16)
    .padStart(13, '0')}${Math.floor(random() * 2 ** 52)
    .toString(16)
    .padStart(13, '0')}`;
  const [minDays, maxDays] = DUE_DAYS;
  const dueAt = new Date(receivedMs + (minDays + random() * (maxDays - minDays)) * DAY).toISOString();
  const closed = status === 'closed';
  const resolvedAt = new Date(receivedMs + (1 + random() * 10) * DAY).toISOString();
  const category = TEAM_CATEGORY[team];
  const complaint: Complaint = {
    complaintId,
    reference: newReference(receivedAt, TIME_ZONE, (max) => Math.floor(random() * max)),
    status,
    channel: 'web',
    receivedAt: receivedAt.toISOString(),
    correlationId: `bench-${index}`,
    customer: { name: english ? 'Alex Customer' : '测试客户', phone },
    customerKey,
    requestedCategory: random() < 0.5 ? category : undefined,
    description,
    preferredChannel: 'sms',
    language,
    category,
    priority,
    team,
    assignee,
    customerDeadline: closed ? undefined : { name: 'resolve', dueAt },
    escalated: !closed && Date.parse(dueAt) < BASE ? true : undefined,
    resolution:
      status === 'resolved' || closed
        ? {
            outcome: 'partially-upheld',
            rootCause: 'claims-handling',
            responseToCustomer: english ? 'We have reviewed your claim.' : '我们已复核您的理赔申请。',
            resolvedAt,
            resolvedBy: assignee ?? `agent-${team}-00`,
          }
        : undefined,
    closedAt: closed ? resolvedAt : undefined,
    version: 1,
  };
  const order = `${closed ? CLOSED_ORDER : dueAt}#${complaintId}`;
  const item = {
    // exactly the intake store's Put (services/intake/adapters/dynamo-complaint-store.ts)
    ...complaintKey(complaintId),
    ...customerHistoryKey(customerKey, complaint.receivedAt, complaintId),
    ...receivedMonthKey(complaint.receivedAt, complaintId),
    kind: 'complaint',
    ...complaint,
    // triage's recordDecision and the SLA store's queue order
    triage: {
      category,
      priority,
      team,
      signals: [],
      reasons: [
        { rule: 'category', detail: `${category}: bench` },
        { rule: 'team', detail: `${category} → ${team}` },
      ],
      rulesVersion,
      decidedAt: new Date(receivedMs + 2_000).toISOString(),
    },
    gsi1pk: teamQueuePartition(team),
    gsi1sk: order,
    updatedAt: new Date(receivedMs + 3_000).toISOString(),
  };
  return { item, loaded: { id: complaintId, team, order, status, priority, assignee } };
}

/** A second Complaints table from the first one's description: same keys, indexes and stream. */
async function copyTable(admin: DynamoDBClient, source: string, target: string): Promise<void> {
  const { Table: t } = await admin.send(new DescribeTableCommand({ TableName: source }));
  if (!t) throw new Error(`${source} has no description`);
  await admin.send(
    new CreateTableCommand({
      TableName: target,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: t.AttributeDefinitions,
      KeySchema: t.KeySchema,
      GlobalSecondaryIndexes: t.GlobalSecondaryIndexes?.map((i) => ({
        IndexName: i.IndexName,
        KeySchema: i.KeySchema,
        Projection: i.Projection,
      })),
      StreamSpecification: t.StreamSpecification,
    }),
  );
}

interface LoadResult {
  readonly items: number;
  readonly calls: number;
  readonly retries: number;
  readonly seconds: number;
}

async function load(
  loader: DynamoDBDocumentClient,
  tableName: string,
  items: Iterator<Record<string, unknown>>,
  expected: number,
  concurrency: number,
  progress: (text: string) => void,
): Promise<LoadResult> {
  let written = 0;
  const counts: WriteCounts = { calls: 0, retries: 0 };
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const batch: Record<string, unknown>[] = [];
      for (let next = items.next(); !next.done; next = items.next()) {
        batch.push(next.value);
        if (batch.length === BATCH) break;
      }
      if (batch.length === 0) return;
      await writeBatch(loader, tableName, batch, counts);
      written += batch.length;
      if (counts.calls % 200 === 0)
        progress(
          `cases: loading ${tableName}: ${written}/${expected}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { items: written, ...counts, seconds: (performance.now() - started) / 1000 };
}

/** What the gsi1 queries of one cases-api invocation read. */
interface InvocationStats {
  queries: number;
  read: number;
  returned: number;
  readonly tables: Set<string>;
  handlerMs: number;
}

interface PageSample {
  readonly scenario: string;
  readonly size: number;
  readonly page: number;
  readonly ms: number;
  readonly handlerMs: number;
  readonly items: number;
  readonly read: number;
  readonly queries: number;
  readonly ids: string[];
  readonly last: boolean;
}

const newStats = (): InvocationStats => ({
  queries: 0,
  read: 0,
  returned: 0,
  tables: new Set(),
  handlerMs: 0,
});

function expectedOrder(data: Dataset, scenario: Scenario): string[] {
  const scope =
    scenario.principal.role === 'admin' ? new Set<string>(teams) : new Set([scenario.principal.team]);
  const f = scenario.filter;
  return data.loaded
    .filter(
      (c) =>
        scope.has(c.team) &&
        (f.status === undefined || c.status === f.status) &&
        (f.priority === undefined || c.priority === f.priority) &&
        (f.assignee === undefined || c.assignee === f.assignee),
    )
    .sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : 0))
    .map((c) => c.id);
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

export async function runCasesBench(options: CasesBenchOptions): Promise<CasesBenchReport> {
  const { large, small, requests, pages, limit, warmupWalks, concurrency, progress } = options;
  const lines: string[] = [];
  const problems: string[] = [];
  const startedAt = Date.now();
  const loadAtStart = loadavg()[0]!.toFixed(1);

  progress('cases: starting the local cloud (DynamoDB Local in memory, fauxqs, SES)');
  const cloud: LocalCloud = await startLocalCloud({ topology, port: 0, sesPort: 0, root: options.root });
  const bare = localDynamoClient(process.env.AWS_ENDPOINT_URL_DYNAMODB);
  try {
    const startSeconds = (Date.now() - startedAt) / 1000;
    const loader = bulkLoader(bare);
    const realTable = cloud.tableNames.Complaints!;
    const smallTable = `${realTable}-${small}`;
    await copyTable(bare, realTable, smallTable);
    const useTable = (name: string) => {
      process.env[tables.Complaints.envVar] = name;
    };

    // --- per-invocation accounting on the shared client the in-process handlers use ---
    const invocation = new AsyncLocalStorage<InvocationStats>();
    addCallMiddleware(dynamo(), 'benchCasesQueueReads', (next, context) => async (args) => {
      const result = await next(args);
      const stats = invocation.getStore();
      const input = args.input as { TableName?: string; IndexName?: string };
      if (stats && context.commandName === 'QueryCommand' && input.IndexName === 'gsi1') {
        const items = itemsOfCall('QueryCommand', result.output);
        stats.queries++;
        stats.read += items.read;
        stats.returned += items.returned;
        stats.tables.add(String(input.TableName));
      }
      return result;
    });
    let lastInvocation: InvocationStats | undefined;
    const invoke = cloud.invoker.invoke.bind(cloud.invoker);
    cloud.invoker.invoke = (name, event) => {
      if (name !== 'cases-api') return invoke(name, event);
      const stats = newStats();
      lastInvocation = stats;
      return invocation.run(stats, async () => {
        const started = performance.now();
        try {
          return await invoke(name, event);
        } finally {
          stats.handlerMs = performance.now() - started;
        }
      });
    };

    // --- the data ---
    const random = seededRandom(20261120);
    const texts = corpusTexts(options.root);
    const rulesVersion = (
      JSON.parse(
        readFileSync(path.join(options.root, 'services/triage/rules/triage-rules.json'), 'utf8'),
      ) as { version: string }
    ).version;
    let made = 0;
    const loadSet = async (size: number, tableName: string) => {
      const loaded: Loaded[] = [];
      const items = (function* () {
        for (let i = 0; i < size; i++) {
          const { item, loaded: kept } = complaintItem(made++, random, texts, rulesVersion);
          loaded.push(kept);
          yield item;
        }
      })();
      const result = await load(loader, tableName, items, size, concurrency, progress);
      return { data: { size, table: tableName, loaded } satisfies Dataset, result };
    };
    const smallSet = await loadSet(small, smallTable);
    const largeSet = await loadSet(large, realTable);
    // the real table's stream feeds the outbox relay: let it read past every loaded item first
    progress('cases: waiting for the outbox relay to read the stream past the load');
    const settleStarted = performance.now();
    await cloud.settle(300_000);
    const settleSeconds = (performance.now() - settleStarted) / 1000;
    const datasets = [largeSet.data, smallSet.data];

    lines.push(
      heading(`Case queue: GET /v1/cases with ${int(large)} complaints (and ${int(small)} to compare)`),
      `local cloud (infra/topology.ts, DynamoDB Local in memory) started in ${startSeconds.toFixed(1)} s; node ${process.version}`,
      '',
      'Load (BatchWriteItem, 25 items per call, straight to DynamoDB Local)',
      table(
        [
          { header: 'table' },
          { header: 'complaints', align: 'right' },
          { header: 'calls', align: 'right' },
          { header: 'retried', align: 'right' },
          { header: 'in flight', align: 'right' },
          { header: 'seconds', align: 'right' },
          { header: 'items/s', align: 'right' },
        ],
        [
          [largeSet.data.table, largeSet.result, 'real Complaints table'] as const,
          [smallSet.data.table, smallSet.result, 'copy'] as const,
        ].map(([name, r]) => [
          name,
          int(r.items),
          int(r.calls),
          int(r.retries),
          String(concurrency),
          r.seconds.toFixed(1),
          int(r.items / r.seconds),
        ]),
      ),
      `then ${settleSeconds.toFixed(1)} s until the outbox relay had read the real table's stream past the load (no outbox items: nothing published)`,
    );

    // --- what was loaded ---
    const profileRows = datasets.map((d) => {
      const perTeam = teams.map((t) => d.loaded.filter((c) => c.team === t).length);
      const mine = d.loaded.filter((c) => c.team === AGENT_TEAM);
      const share = (list: Loaded[], test: (c: Loaded) => boolean) =>
        `${((list.filter(test).length / Math.max(1, list.length)) * 100).toFixed(1)}%`;
      return [
        int(d.size),
        `${int(Math.min(...perTeam))}-${int(Math.max(...perTeam))}`,
        share(d.loaded, (c) => c.status === 'closed'),
        share(d.loaded, (c) => c.assignee !== undefined),
        int(mine.length),
        share(mine, (c) => c.priority === 'P1'),
        share(mine, (c) => c.status === 'awaiting-customer'),
        `${int(mine.filter((c) => c.assignee === AGENT).length)}`,
      ];
    });
    lines.push(
      '',
      'Loaded complaints',
      table(
        [
          { header: 'complaints', align: 'right' },
          { header: 'per team', align: 'right' },
          { header: 'closed', align: 'right' },
          { header: 'assigned', align: 'right' },
          { header: `${AGENT_TEAM} team`, align: 'right' },
          { header: 'its P1', align: 'right' },
          { header: 'its awaiting-customer', align: 'right' },
          { header: `its assignee=${AGENT}`, align: 'right' },
        ],
        profileRows,
      ),
    );

    // --- tokens ---
    const tokenOf = async (p: Principal) => {
      const res = await fetch(`${cloud.url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: p.sub, role: p.role, team: p.team }),
      });
      if (!res.ok) throw new Error(`POST /dev/token answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    };
    const tokens = new Map<string, string>();
    for (const p of [agent, adminPrincipal]) tokens.set(p.sub, await tokenOf(p));

    // --- one walk: the first page, then the next ones by cursor ---
    const walk = async (scenario: Scenario, data: Dataset): Promise<PageSample[]> => {
      const samples: PageSample[] = [];
      let cursor: string | undefined;
      for (let page = 1; page <= pages; page++) {
        const url = new URL('/v1/cases', cloud.url);
        url.searchParams.set('limit', String(limit));
        for (const [k, v] of Object.entries(scenario.filter)) url.searchParams.set(k, String(v));
        if (cursor) url.searchParams.set('cursor', cursor);
        useTable(data.table);
        lastInvocation = undefined;
        const started = performance.now();
        const res = await fetch(url, {
          headers: { authorization: `Bearer ${tokens.get(scenario.principal.sub)}` },
        });
        const text = await res.text();
        const elapsed = performance.now() - started;
        if (res.status !== 200)
          throw new Error(`GET ${url.pathname}${url.search} answered ${res.status}: ${text.slice(0, 300)}`);
        const body = JSON.parse(text) as { items: { complaintId: string }[]; cursor: string | null };
        const stats = lastInvocation as InvocationStats | undefined;
        if (!stats) throw new Error('the cases-api invocation was not seen');
        if (stats.tables.size !== 1 || !stats.tables.has(data.table))
          problems.push(
            `${scenario.key} @ ${data.size}: the queue read ${[...stats.tables].join(', ') || 'no table'}, not ${data.table}`,
          );
        cursor = body.cursor ?? undefined;
        samples.push({
          scenario: scenario.key,
          size: data.size,
          page,
          ms: elapsed,
          handlerMs: stats.handlerMs,
          items: body.items.length,
          read: stats.read,
          queries: stats.queries,
          ids: body.items.map((i) => i.complaintId),
          last: !cursor,
        });
        if (!cursor) break;
      }
      return samples;
    };

    // --- checks: the walk's order against the loaded data; the adapter's itemsRead ---
    const orderChecks: string[][] = [];
    const checkWalk = (scenario: Scenario, data: Dataset, samples: PageSample[]) => {
      const got = samples.flatMap((s) => s.ids);
      const expected = expectedOrder(data, scenario);
      const ended = samples.at(-1)?.last ?? false;
      const want = ended ? expected : expected.slice(0, got.length);
      let firstDiff = -1;
      for (let i = 0; i < Math.max(got.length, want.length); i++)
        if (got[i] !== want[i]) {
          firstDiff = i;
          break;
        }
      const duplicates = got.length - new Set(got).size;
      const ok = firstDiff < 0 && duplicates === 0;
      orderChecks.push([
        scenario.key,
        int(data.size),
        String(samples.length),
        int(got.length),
        int(expected.length),
        ended ? 'yes' : 'no',
        String(duplicates),
        ok ? 'OK' : `MISMATCH at #${firstDiff + 1}`,
      ]);
      if (!ok) {
        const where = firstDiff >= 0 ? Math.floor(firstDiff / limit) + 1 : 0;
        problems.push(
          `${scenario.key} @ ${data.size}: the pages differ from the queue order of the loaded data at item #${firstDiff + 1} (page ${where}): got ${got[firstDiff] ?? 'nothing'}, expected ${want[firstDiff] ?? 'nothing'}; ${duplicates} repeated`,
        );
      }
    };
    const adapterChecks: string[][] = [];
    const checkAdapter = async (scenario: Scenario, data: Dataset, httpFirstPage: PageSample) => {
      useTable(data.table);
      const stats = newStats();
      const direct = await invocation.run(stats, () =>
        listCases(dynamoCaseQueries, scenario.principal, { ...scenario.filter, limit }),
      );
      const ids = direct.items.map((i) => i.complaintId);
      const same =
        ids.length === httpFirstPage.ids.length && ids.every((id, i) => id === httpFirstPage.ids[i]);
      adapterChecks.push([
        scenario.key,
        int(data.size),
        int(direct.itemsRead),
        int(stats.read),
        int(httpFirstPage.read),
        String(stats.queries),
        same ? 'same' : 'DIFFERENT',
        direct.cursor ? Object.keys(decodeCursor(direct.cursor)?.teams ?? {}).length.toString() : '0',
      ]);
      if (direct.itemsRead !== stats.read || stats.read !== httpFirstPage.read || !same)
        problems.push(
          `${scenario.key} @ ${data.size}: adapter itemsRead ${direct.itemsRead}, middleware ${stats.read} (direct) / ${httpFirstPage.read} (HTTP), items ${same ? 'same' : 'different'}`,
        );
    };

    // --- warm-up walks, then timed walks round-robin over scenario × size until each has enough ---
    const pairs = SCENARIOS.flatMap((scenario) => datasets.map((data) => ({ scenario, data })));
    for (let w = 0; w < warmupWalks; w++)
      for (const [i, { scenario, data }] of pairs.entries()) {
        progress(`cases: warm-up walk ${w + 1}/${warmupWalks}, ${i + 1}/${pairs.length}`);
        await walk(scenario, data);
      }
    const samples = new Map<string, PageSample[]>();
    const walks = new Map<string, number>();
    const keyOf = (scenario: Scenario, data: Dataset) => `${scenario.key}@${data.size}`;
    for (let round = 0; ; round++) {
      const pending = pairs.filter((p) => (samples.get(keyOf(p.scenario, p.data))?.length ?? 0) < requests);
      if (pending.length === 0) break;
      // alternate which size goes first, so neither always follows the other
      const ordered = round % 2 === 0 ? pending : [...pending].reverse();
      for (const { scenario, data } of ordered) {
        const key = keyOf(scenario, data);
        progress(`cases: round ${round + 1}: ${key} (${samples.get(key)?.length ?? 0}/${requests} requests)`);
        const walked = await walk(scenario, data);
        if (!samples.has(key)) {
          checkWalk(scenario, data, walked);
          await checkAdapter(scenario, data, walked[0]!);
        }
        samples.set(key, [...(samples.get(key) ?? []), ...walked]);
        walks.set(key, (walks.get(key) ?? 0) + 1);
      }
    }
    progress('');

    // --- report ---
    const latencyColumns: Column[] = [
      { header: 'scenario' },
      { header: 'complaints', align: 'right' },
      { header: 'requests', align: 'right' },
      { header: 'walks', align: 'right' },
      { header: 'pages/walk', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p90 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: 'handler p50', align: 'right' },
      { header: 'p50 page 1', align: 'right' },
      { header: 'p50 pages 11+', align: 'right' },
      { header: 'items/page', align: 'right' },
      { header: 'read/page', align: 'right' },
      { header: 'read max', align: 'right' },
      { header: 'queries/page', align: 'right' },
    ];
    const latencyRows: string[][] = [];
    interface Summary {
      readonly p50: number;
      readonly p99: number;
      readonly firstP50: number;
      readonly firstRead: number;
      /** Pages inside the queue: full and with a cursor after them (not the end of a walk). */
      readonly interior: number;
      readonly interiorP50: number;
      readonly interiorRead: number;
    }
    const summary = new Map<string, Summary>();
    const p = (values: readonly number[], q: number) => quantile(values, q);
    const fmt = (values: readonly number[], q: number) => (values.length ? ms(p(values, q)) : '-');
    for (const scenario of SCENARIOS)
      for (const data of datasets) {
        const key = keyOf(scenario, data);
        const s = samples.get(key) ?? [];
        const times = s.map((x) => x.ms);
        const first = s.filter((x) => x.page === 1);
        const deep = s.filter((x) => x.page >= 11);
        const interior = s.filter((x) => x.items === limit && !x.last);
        const items = s.map((x) => x.items);
        const reads = s.map((x) => x.read);
        summary.set(key, {
          p50: p(times, 0.5),
          p99: p(times, 0.99),
          firstP50: p(
            first.map((x) => x.ms),
            0.5,
          ),
          firstRead: mean(first.map((x) => x.read)),
          interior: interior.length,
          interiorP50: p(
            interior.map((x) => x.ms),
            0.5,
          ),
          interiorRead: mean(interior.map((x) => x.read)),
        });
        latencyRows.push([
          scenario.key,
          int(data.size),
          String(s.length),
          String(walks.get(key) ?? 0),
          (s.length / Math.max(1, walks.get(key) ?? 0)).toFixed(1),
          fmt(times, 0.5),
          fmt(times, 0.9),
          fmt(times, 0.99),
          ms(Math.max(...times)),
          fmt(
            s.map((x) => x.handlerMs),
            0.5,
          ),
          fmt(
            first.map((x) => x.ms),
            0.5,
          ),
          fmt(
            deep.map((x) => x.ms),
            0.5,
          ),
          `${mean(items).toFixed(1)} (${Math.min(...items)}-${Math.max(...items)})`,
          int(mean(reads)),
          int(Math.max(...reads)),
          `${mean(s.map((x) => x.queries)).toFixed(1)} (max ${Math.max(...s.map((x) => x.queries))})`,
        ]);
      }
    lines.push(
      '',
      `Latency per page (HTTP, sequential, limit ${limit}; walks of up to ${pages} pages by cursor, both sizes interleaved)`,
      ...SCENARIOS.map((s) => `  ${s.key.padEnd(3)} ${s.title}`),
      table(latencyColumns, latencyRows),
    );

    const ratioRows = SCENARIOS.map((scenario) => {
      const l = summary.get(`${scenario.key}@${large}`)!;
      const s = summary.get(`${scenario.key}@${small}`)!;
      const both = l.interior > 0 && s.interior > 0;
      return [
        scenario.key,
        ratio(l.p50, s.p50),
        ratio(l.p99, s.p99),
        ratio(l.firstP50, s.firstP50),
        `${int(l.firstRead)} / ${int(s.firstRead)}`,
        ratio(l.firstRead, s.firstRead),
        `${l.interior} / ${s.interior}`,
        both ? ratio(l.interiorP50, s.interiorP50) : '-',
        both ? `${int(l.interiorRead)} / ${int(s.interiorRead)}` : '-',
        both ? ratio(l.interiorRead, s.interiorRead) : '-',
      ];
    });
    lines.push(
      '',
      `Growth with the table: ${int(large)} complaints over ${int(small)} (1.00x = no growth)`,
      table(
        [
          { header: 'scenario' },
          { header: 'p50', align: 'right' },
          { header: 'p99', align: 'right' },
          { header: 'page-1 p50', align: 'right' },
          { header: 'page-1 read L / S', align: 'right' },
          { header: 'ratio', align: 'right' },
          { header: 'interior pages L / S', align: 'right' },
          { header: 'interior p50', align: 'right' },
          { header: 'interior read/page L / S', align: 'right' },
          { header: 'ratio', align: 'right' },
        ],
        ratioRows,
      ),
    );

    lines.push(
      '',
      'Checks: the first timed walk of each scenario against the queue order computed from the loaded items',
      table(
        [
          { header: 'scenario' },
          { header: 'complaints', align: 'right' },
          { header: 'pages', align: 'right' },
          { header: 'items', align: 'right' },
          { header: 'matching', align: 'right' },
          { header: 'cursor ended' },
          { header: 'repeated', align: 'right' },
          { header: 'order' },
        ],
        orderChecks,
      ),
      '',
      'Checks: page 1 through the adapter directly (listCases + dynamoCaseQueries) vs the HTTP page 1',
      table(
        [
          { header: 'scenario' },
          { header: 'complaints', align: 'right' },
          { header: 'adapter itemsRead', align: 'right' },
          { header: 'middleware (direct)', align: 'right' },
          { header: 'middleware (HTTP)', align: 'right' },
          { header: 'queries', align: 'right' },
          { header: 'items vs HTTP' },
          { header: 'teams in cursor', align: 'right' },
        ],
        adapterChecks,
      ),
    );

    lines.push(
      heading('Case queue legend'),
      'Setup: startLocalCloud(infra/topology.ts) in this process (DynamoDB Local in memory, every handler',
      `  in-process, quiet logs). ${int(large)} complaint items go into the real Complaints table, ${int(small)} into`,
      '  a copy of it (same keys, indexes, stream) in the same DynamoDB Local; before each request the bench',
      `  sets ${tables.Complaints.envVar} to the table of the size measured (the adapter reads it per call; the`,
      "  middleware checks every gsi1 query went to that table). Items: the intake store's item (keys, gsi2,",
      '  gsi4, kind, complaint) + triage (status, category, priority, team, triage, gsi1pk TEAM#<team>) + SLA',
      '  (customerDeadline, gsi1sk <dueAt>#<id>; closed ones 9999-12-31T23:59:59.999Z#<id>), version 1.',
      '  Teams uniform over the 6; status: triaged/assigned 26%, in-progress 26%, awaiting-customer 10%,',
      '  resolved 18%, closed 20%; P1 10%, P2 25%, P3 40%, P4 25%; receipts over 90 days, deadlines 3-30 days',
      '  after receipt whatever the priority (so a filter matches the same share all along the queue); every',
      `  second complaint has an assignee (one of ${AGENTS_PER_TEAM} agents of its team). Seeded: every run loads the same.`,
      'Requests: GET /v1/cases?limit=..&<filter>[&cursor=..] to the local API with a token from POST /dev/token,',
      `  one at a time. A walk is page 1 and the next pages by cursor, up to ${pages} pages or until the cursor ends`,
      `  (filtered queues of the small table end early, so they take more walks). ${warmupWalks} untimed walk(s) per`,
      '  scenario and size first. Timed walks go round-robin over scenario × size (order alternating).',
      '  p50/p90/p99/max ms   wall time of the HTTP request (fetch to body read) over every timed page',
      '  handler p50          the cases-api handler alone (cloud.invoker.invoke wrapped)',
      '  p50 page 1 / 11+     first pages vs deep pages: the cursor must not make later pages dearer',
      "  items/page           items returned (mean, min-max); a filtered walk's last page may hold fewer",
      '  read/page            items DynamoDB read for the page: ScannedCount summed over the gsi1 queries of that',
      '                       invocation, from a middleware on the shared dynamo() client (AsyncLocalStorage per',
      '                       cases-api invocation). Filters apply after the read, so read ≥ returned.',
      '  queries/page         gsi1 Query calls of the page (an admin page queries all 6 teams in parallel)',
      'Growth: large (L) over small (S) for the same scenario. Items read per page is what AWS bills and',
      '  what bounds latency there; DynamoDB Local (SQLite underneath) may add costs of its own, so the',
      '  latency ratio is of this emulator, the read ratio is portable. Interior pages: full pages with a',
      '  cursor after them. The last page of a walk that reaches the end of a filtered queue reads on to',
      "  the end of the team partition (closed complaints included), and the small table's filtered queues",
      '  end within a few pages, so only interior pages compare like with like.',
      'Checks: "order" compares the ids of the first timed walk with the loaded items of the scope and filter',
      '  sorted by gsi1sk (byte order), so a page that skips or repeats a complaint shows up. The adapter',
      '  check runs listCases with the real adapter in this process and compares its itemsRead with the',
      '  middleware (direct and for the HTTP page 1) and the items with the HTTP page 1.',
      `Shared machine (${cpus().length} CPUs, load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end): client,`,
      '  local cloud and DynamoDB Local run here; compare ratios across runs.',
    );
    return { lines, problems, measured: true };
  } finally {
    progress('');
    bare.destroy();
    await cloud.stop();
  }
}
