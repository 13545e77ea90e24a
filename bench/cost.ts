/**
 * The cost model (issue 16, item 6): complaint lifecycles and care messages driven through the
 * local cloud, every billable unit metered (bench/cost-meter.ts) and priced at the dated us-east-1
 * list prices in bench/prices.us-east-1.json.
 *
 * Lifecycles go through the real HTTP API: POST /v1/complaints, then (tokens from the local
 * identity provider) GET the case and POST assign, request-info, customer-response, resolve, close
 * and follow-up, the local clock moved between steps so SLA timers fall due and the sweep fires
 * them; a share of the complaints is resolved late, after its warnings and breaches. Care messages
 * come from the real planner: customers whose birthday is the care date are bulk-loaded, the clock
 * passes 09:00 in each of their time zones and the hourly planner, the relay, notify-care and the
 * senders do the rest.
 */
import path from 'node:path';
import { BatchWriteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamo, eventBridge } from '#shared/aws/clients';
import { mapAtMost } from '#shared/concurrency';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { timeZonesKey } from '#shared/tables/customers';
import { type LocalCloud, startLocalCloud } from '../infra/local/cloud';
import { topology } from '../infra/topology';
import { sesSender, smsSender } from '../services/notify/adapters/senders';
import { profileItem } from './care';
import { type BenchReport, REPO_ROOT } from './console';
import { loadPrices, type PriceFile, usd } from './cost-billing';
import { CostMeter, type LedgerLine } from './cost-meter';
import { heading, median, table } from './format';

export interface CostBenchOptions {
  readonly lifecycles: number;
  readonly careMessages: number;
  /** Every how-many-th complaint is resolved late (after its SLA warnings and breaches fire). */
  readonly lateEvery: number;
  readonly concurrency: number;
  readonly progress: (text: string) => void;
}

const LIFECYCLES_PER = 1000;
const CARE_PER = 10_000;
/** Functions the schedules run: their idle runs are a fixed monthly cost, not a per-lifecycle one. */
const SCHEDULE_RUNS_PER_MONTH: Record<string, { schedule: string; runs: number }> = {
  'sla-sweep': { schedule: 'sla-timer-sweep', runs: 30 * 24 * 60 },
  'notify-deferred': { schedule: 'notify-deferred-sweep', runs: 30 * 24 * 12 },
  'care-campaign-planner': { schedule: 'care-campaign-planner', runs: 30 * 24 },
};
/** Kept out of the lifecycle totals: the hourly planner runs on every hour the clock passes, with no audience. */
const NOT_PER_LIFECYCLE = new Set(['care-campaign-planner']);

const DESCRIPTIONS = [
  'My claim for the hospital stay in March was rejected without any reason given. I sent every receipt twice and nobody called back.',
  'The premium was deducted twice from my bank account this month and the refund promised within five working days never came.',
  '我在三月份提交的住院理赔申请被拒绝了，没有给出任何理由。我已经两次提交了全部发票，请给我书面解释并重新审核。',
  '本月保费从我的银行账户被重复扣款两次。业务员承诺五个工作日内退款，现在已经过去三周了，我仍然没有收到任何退款。',
  '理赔款到现在还没有到账，客服电话一直打不通，希望尽快处理。',
];

const RESOLUTION = {
  outcome: 'upheld',
  remedy: '全额赔付',
  rootCause: 'claims-handling',
  responseToCustomer: '经复核，您的理赔申请符合条款，将全额赔付。',
};

class Api {
  requests = 0;
  failures: string[] = [];
  #token: string | undefined;
  constructor(private readonly cloud: LocalCloud) {}

  /** Tokens live 12 h on the local clock: a fresh one after every clock move. */
  forgetToken() {
    this.#token = undefined;
  }

  async #auth(): Promise<string> {
    if (!this.#token) {
      const response = await fetch(`${this.cloud.url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: 'cost-bench-admin', role: 'admin' }),
      });
      this.#token = ((await response.json()) as { token: string }).token;
    }
    return this.#token;
  }

  /** One request through the local API Gateway (billed as one HTTP API request). */
  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    auth = true,
  ) {
    this.requests++;
    const response = await fetch(`${this.cloud.url}${path}`, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${await this.#auth()}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.status >= 300 && this.failures.length < 20)
      this.failures.push(
        `${method} ${path.replace(/[0-9A-Z]{20,}/g, '{id}')} answered ${response.status}: ${text.slice(0, 200)}`,
      );
    return { status: response.status, json };
  }

  /** What an agent does: open the case, then act on the version it saw. */
  async act(id: string, action: string, body?: unknown) {
    const view = await this.call('GET', `/v1/cases/${id}`);
    const extra = action === 'assign' ? { assignee: `agent-${String(view.json.team ?? 'claims')}` } : {};
    return this.call(
      'POST',
      `/v1/cases/${id}/${action}`,
      body === undefined && action !== 'assign' ? undefined : { ...(body as object), ...extra },
      { 'if-match': `"${String(view.json.version)}"` },
    );
  }
}

/** A synthetic customer whose birthday is `monthDay`, in one of three time zones and both channels. */
function careCustomer(i: number, monthDay: string): ImportedCustomer {
  const zone = i % 20 === 0 ? 'Europe/London' : i % 20 === 1 ? 'Australia/Sydney' : 'Asia/Shanghai';
  const sms = i % 10 < 3;
  const phone =
    zone === 'Europe/London'
      ? `+447700${String(900000 + (i % 100000)).slice(-6)}`
      : zone === 'Australia/Sydney'
        ? `+614${String(10000000 + i).slice(-8)}`
        : `139${String(i).padStart(8, '0')}`;
  return ImportedCustomer.parse({
    customerId: `C${String(i).padStart(7, '0')}`,
    name: zone === 'Asia/Shanghai' ? `客户${i}` : `Customer ${i}`,
    birthDate: `${1950 + (i % 50)}-${monthDay}`,
    email: `care${i}@example.com`,
    phone,
    language: zone === 'Asia/Shanghai' ? 'zh-CN' : 'en',
    timeZone: zone,
    preferredChannel: sms ? 'sms' : 'email',
    consent: { service: true, marketing: true },
    lastContactAt: '2026-01-10T02:00:00.000Z',
  });
}

/** USD of everything but the messages themselves (SES, SMS), scaled. */
const platform = (lines: readonly Priced[], scale: number) =>
  lines.filter((l) => l.service !== 'SES' && l.service !== 'SMS').reduce((n, l) => n + l.usd, 0) * scale;

const f = (v: number, digits = 2) =>
  v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const usdText = (v: number) => (v >= 0.01 ? `$${f(v, 4)}` : `$${v.toFixed(6)}`);

interface Priced extends LedgerLine {
  readonly usd: number;
}

function price(lines: readonly LedgerLine[], prices: PriceFile): Priced[] {
  return lines.map((l) => {
    const p = prices.prices[l.priceKey];
    if (!p) throw new Error(`no price for ${l.priceKey}`);
    return { ...l, usd: usd(l.quantity, p) };
  });
}

const quantityText = (l: LedgerLine, scale: number) =>
  l.priceKey === 'cloudwatch.logsIngestedGb'
    ? `${f((l.quantity * scale * 1024 ** 3) / 1e6, 2)} MB`
    : f(l.quantity * scale, l.priceKey === 'lambda.gbSecondArm' ? 3 : l.quantity * scale < 100 ? 2 : 0);

const UNIT: Record<string, string> = {
  'dynamodb.writeRequestUnit': 'WRU',
  'dynamodb.readRequestUnit': 'RRU',
  'lambda.request': 'invocations',
  'lambda.gbSecondArm': 'GB-s',
  'eventbridge.customEvent': 'events',
  'sqs.request': 'requests',
  'apigateway.httpRequest': 'requests',
  'ses.email': 'emails',
  'cloudwatch.logsIngestedGb': 'ingested',
};
const unitOf = (key: string) => UNIT[key] ?? (key.startsWith('sms.') ? 'parts' : key);

/** The line items of one bucket, scaled, largest first; by service, and the three largest. */
function bucketTables(title: string, lines: Priced[], scale: number, per: string, out: string[]) {
  const total = lines.reduce((n, l) => n + l.usd, 0) * scale;
  const byService = new Map<string, { usd: number; quantities: Map<string, number> }>();
  for (const l of lines) {
    const s = byService.get(l.service) ?? { usd: 0, quantities: new Map() };
    s.usd += l.usd * scale;
    s.quantities.set(l.priceKey, (s.quantities.get(l.priceKey) ?? 0) + l.quantity * scale);
    byService.set(l.service, s);
  }
  out.push(
    '',
    `${title}: USD ${per}, by service`,
    table(
      [
        { header: 'service' },
        { header: 'units' },
        { header: `USD ${per}`, align: 'right' },
        { header: 'share', align: 'right' },
      ],
      [...byService.entries()]
        .sort((a, b) => b[1].usd - a[1].usd)
        .map(([service, s]) => [
          service,
          [...s.quantities.entries()]
            .map(([k, q]) =>
              k === 'cloudwatch.logsIngestedGb'
                ? `${f((q * 1024 ** 3) / 1e6)} MB`
                : `${f(q, q < 100 ? 2 : 0)} ${unitOf(k)}`,
            )
            .join(', '),
          usdText(s.usd),
          `${f((100 * s.usd) / Math.max(total, 1e-12), 1)}%`,
        ])
        .concat([['total', '', usdText(total), '100%']]),
    ),
  );
  // line items: function + what, merged across price keys of the same service line
  const sorted = [...lines].sort((a, b) => b.usd - a.usd);
  const shown = sorted.slice(0, 30);
  const rest = sorted.slice(30);
  out.push(
    '',
    `${title}: line items ${per} (largest first${rest.length ? `; ${rest.length} smaller lines summed at the end` : ''})`,
    table(
      [
        { header: 'service' },
        { header: 'function' },
        { header: 'what' },
        { header: 'calls', align: 'right' },
        { header: 'units', align: 'right' },
        { header: 'unit' },
        { header: 'USD', align: 'right' },
      ],
      shown
        .map((l) => [
          l.service,
          l.fn,
          l.what,
          l.calls ? f(l.calls * scale, 0) : '',
          quantityText(l, scale),
          unitOf(l.priceKey),
          usdText(l.usd * scale),
        ])
        .concat(
          rest.length
            ? [['(others)', '', '', '', '', '', usdText(rest.reduce((n, l) => n + l.usd, 0) * scale)]]
            : [],
        ),
    ),
  );
  return { total, top: sorted.slice(0, 3) };
}

/**
 * Moves the clock, runs what fell due and waits for the cloud to settle. A cloud that does not
 * settle in 15 minutes (a machine too busy for the handlers) is a problem, not the end of the
 * bench: what was metered is reported, scaled by what completed.
 */
async function advance(
  cloud: LocalCloud,
  api: Api,
  iso: string,
  progress: (t: string) => void,
  label: string,
  problems: string[],
) {
  progress(`cost: clock to ${iso} (${label})`);
  cloud.clock.set(new Date(iso));
  api.forgetToken();
  await cloud.scheduler.catchUp();
  await settle(cloud, label, problems);
}

async function settle(cloud: LocalCloud, label: string, problems: string[]) {
  try {
    await cloud.settle(900_000);
  } catch (error) {
    problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const addHours = (iso: string, hours: number) =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

export async function runCostBench(options: CostBenchOptions): Promise<BenchReport> {
  const { progress } = options;
  const problems: string[] = [];
  const prices = loadPrices(path.join(REPO_ROOT, 'bench', 'prices.us-east-1.json'));
  // what production runs with (infra/config/stages.ts prod: INFO), so logged bytes are production's;
  // a send rate far above SES's so 10,000 messages drain in minutes (the permits are still written)
  Object.assign(process.env, {
    POWERTOOLS_LOG_LEVEL: 'INFO',
    EMAIL_SEND_RATE: '1000',
    SMS_SEND_RATE: '1000',
  });

  progress('cost: starting the local cloud');
  const started = performance.now();
  const cloud = await startLocalCloud({ topology, port: 0, sesPort: 0, root: REPO_ROOT });
  const meter = new CostMeter(cloud.dynamo, cloud.tableNames, topology);
  const restoreLogs = meter.captureLogs();
  const timings: string[] = [];
  try {
    meter.attachDynamo(dynamo());
    meter.attachSqs(cloud.sqs);
    meter.attachEventBridge(eventBridge());
    meter.wrapInvoker(cloud.invoker);
    meter.wrapSenders(sesSender as never, smsSender as never);
    const api = new Api(cloud);

    // --- lifecycles ---
    meter.bucket = 'lifecycles';
    const t0 = '2026-06-01T01:00:00.000Z'; // Monday 09:00 in Shanghai
    await advance(cloud, api, t0, progress, 'lifecycles start', problems);
    const lifecycleStarted = performance.now();
    const ids: string[] = [];
    let posted = 0;
    await mapAtMost(
      Array.from({ length: options.lifecycles }, (_, i) => i),
      options.concurrency,
      async (i) => {
        const customer =
          i % 3 === 0
            ? { name: `Bench Customer ${i}`, email: `lifecycle${i}@example.com` }
            : {
                name: `测试客户${i}`,
                phone: `138${String(i).padStart(8, '0')}`,
                ...(i % 3 === 1 ? { email: `lc${i}@example.com` } : {}),
              };
        const r = await api.call(
          'POST',
          '/v1/complaints',
          { customer, description: DESCRIPTIONS[i % DESCRIPTIONS.length], consent: { dataProcessing: true } },
          { 'idempotency-key': `cost-${i}` },
          false,
        );
        if (r.status === 201) ids[i] = String(r.json.complaintId);
        if (++posted % 100 === 0) progress(`cost: ${posted}/${options.lifecycles} complaints received`);
      },
    );
    await settle(cloud, 'complaints received', problems);
    const live = ids.filter(Boolean);
    if (live.length < options.lifecycles)
      problems.push(`${options.lifecycles - live.length} complaints were not received`);
    const late = new Set(live.filter((_, i) => options.lateEvery > 0 && i % options.lateEvery === 0));
    const onTime = live.filter((id) => !late.has(id));
    const step = async (at: string, action: string, which: readonly string[], body?: unknown) => {
      await advance(cloud, api, at, progress, action, problems);
      let done = 0;
      const counts = new Map<number, number>();
      await mapAtMost(which, options.concurrency, async (id) => {
        const r = await api.act(id, action, body);
        counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        if (++done % 100 === 0) progress(`cost: ${action} ${done}/${which.length}`);
      });
      await settle(cloud, action, problems);
      const refused = [...counts.entries()].filter(([s]) => s !== 200);
      if (refused.length) problems.push(`${action}: ${refused.map(([s, n]) => `${n}× ${s}`).join(', ')}`);
    };
    await step(addHours(t0, 1), 'assign', live, {});
    await step(addHours(t0, 3), 'request-info', live, { message: '请提供住院发票原件扫描件。' });
    await step(addHours(t0, 26), 'customer-response', live, { message: '已上传发票。' });
    await step(addHours(t0, 72), 'resolve', onTime, RESOLUTION);
    await step(addHours(t0, 73), 'close', onTime);
    await step(addHours(t0, 240), 'follow-up', onTime, { satisfaction: 4, comment: '处理及时' });
    if (late.size > 0) {
      await step(addHours(t0, 600), 'resolve', [...late], RESOLUTION);
      await step(addHours(t0, 601), 'close', [...late]);
      await step(addHours(t0, 768), 'follow-up', [...late], { satisfaction: 2, comment: '太慢了' });
    }
    meter.add(
      'API Gateway',
      'HTTP API requests',
      'apigateway.httpRequest',
      api.requests,
      'customers + agents',
      api.requests,
    );
    const lifecycleSeconds = (performance.now() - lifecycleStarted) / 1000;
    timings.push(`lifecycles: ${live.length} in ${f(lifecycleSeconds, 0)} s`);
    const apiRequestsLifecycles = api.requests;

    // --- care messages: birthdays on the care date, in three time zones ---
    meter.bucket = 'between';
    const careDate = '2026-07-15';
    await advance(cloud, api, '2026-07-14T22:30:00.000Z', progress, 'before the care date', problems);
    progress(`cost: loading ${options.careMessages} care customers`);
    const customersTable = cloud.tableNames.Customers!;
    const zones = new Set<string>();
    const items = Array.from({ length: options.careMessages }, (_, i) => {
      const c = careCustomer(i, careDate.slice(5));
      zones.add(c.timeZone);
      return marshall(profileItem(c), { removeUndefinedValues: true, convertClassInstanceToMap: false });
    });
    const batches: (typeof items)[] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    await mapAtMost(batches, 8, async (batch) => {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await cloud.dynamo.send(
          new BatchWriteItemCommand({ RequestItems: { [customersTable]: requests } }),
        );
        requests = (out.UnprocessedItems?.[customersTable] ?? []) as typeof requests;
      }
    });
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: customersTable,
        Key: marshall(timeZonesKey),
        UpdateExpression: 'ADD zones :z',
        ExpressionAttributeValues: { ':z': { SS: [...zones] } },
      }),
    );
    meter.bucket = 'care';
    const careStarted = performance.now();
    // 23:00Z is 09:00 in Sydney, 01:00Z in Shanghai, 08:00Z in London (BST)
    await advance(
      cloud,
      api,
      `${careDate}T08:30:00.000Z`,
      progress,
      'care date, 09:00 in every zone',
      problems,
    );
    const careSeconds = (performance.now() - careStarted) / 1000;

    // --- idle schedules, warm: runs with nothing due (the fixed monthly cost) ---
    meter.bucket = 'between';
    await advance(
      cloud,
      api,
      `${careDate}T09:30:00.000Z`,
      progress,
      'an hour when no zone is at 09:00',
      problems,
    );
    meter.bucket = 'idle';
    for (const { schedule } of Object.values(SCHEDULE_RUNS_PER_MONTH))
      for (let i = 0; i < 5; i++) await cloud.scheduler.runNow(schedule);
    await settle(cloud, 'idle schedules', problems);
    const careLines = meter.lines('care');
    const sent =
      careLines.filter((l) => l.service === 'SES').reduce((n, l) => n + l.quantity, 0) +
      careLines.filter((l) => l.service === 'SMS').reduce((n, l) => n + l.calls, 0);
    timings.push(`care: ${sent} messages sent in ${f(careSeconds, 0)} s`);
    if (sent < options.careMessages * 0.9)
      problems.push(`only ${sent} care messages were sent for ${options.careMessages} customers`);
    if (api.requests !== apiRequestsLifecycles)
      problems.push('the care phase made API requests (not expected)');
    problems.push(...api.failures.slice(0, 10).map((f) => `API: ${f}`));
    // retried work is billed too: a machine too busy for the handlers' timeouts inflates the figures
    for (const [key, n] of meter.failures)
      if (!key.startsWith('between'))
        problems.push(`${n} invocation(s) failed and were retried (${key}): their work is in the figures`);
    if (meter.unattributedLogBytes > 0)
      timings.push(
        `log bytes outside any invocation (local cloud, not billed): ${meter.unattributedLogBytes}`,
      );

    // --- report ---
    const out: string[] = [];
    out.push(
      heading(
        `Cost model: ${live.length} complaint lifecycles and ${sent} care messages, us-east-1 on demand`,
      ),
      `Prices: bench/prices.us-east-1.json, checked ${prices.checked}; unverified: ${Object.entries(
        prices.prices,
      )
        .filter(([, p]) => p.confidence === 'unverified')
        .map(([k]) => k)
        .join(', ')}.`,
      `Measured ${live.length} lifecycles (${late.size} resolved late, after their SLA warnings and breaches) and scaled linearly to ${LIFECYCLES_PER.toLocaleString('en')}; ${sent} care messages scaled to ${CARE_PER.toLocaleString('en')}.`,
    );
    const lifecycleLines = price(
      meter.lines('lifecycles').filter((l) => !NOT_PER_LIFECYCLE.has(l.fn)),
      prices,
    );
    const life = bucketTables(
      'Complaint lifecycles',
      lifecycleLines,
      LIFECYCLES_PER / Math.max(1, live.length),
      `per ${LIFECYCLES_PER.toLocaleString('en')} lifecycles`,
      out,
    );
    const careBucket = bucketTables(
      'Care messages',
      price(careLines, prices),
      CARE_PER / Math.max(1, sent),
      `per ${CARE_PER.toLocaleString('en')} care messages`,
      out,
    );

    // --- fixed monthly cost of the schedules when nothing is due ---
    const idle = price(meter.lines('idle'), prices);
    const idleRows = Object.entries(SCHEDULE_RUNS_PER_MONTH).map(([fn, { schedule, runs }]) => {
      const lines = idle.filter((l) => l.fn === fn);
      const invocations = lines
        .filter((l) => l.priceKey === 'lambda.request')
        .reduce((n, l) => n + l.quantity, 0);
      const perRun = lines.reduce((n, l) => n + l.usd, 0) / Math.max(1, invocations);
      const durations = meter.durations.get(`idle\u0000${fn}`) ?? [];
      return [
        schedule,
        fn,
        f(runs, 0),
        durations.length ? `${f(median(durations), 1)} ms` : '',
        usdText(perRun),
        usdText(perRun * runs),
      ];
    });
    out.push(
      '',
      'Fixed monthly cost of the schedules with nothing due (one idle run measured 5 times, times runs a month)',
      table(
        [
          { header: 'schedule' },
          { header: 'function' },
          { header: 'runs/month', align: 'right' },
          { header: 'idle run p50', align: 'right' },
          { header: 'USD/run', align: 'right' },
          { header: 'USD/month', align: 'right' },
        ],
        idleRows,
      ),
    );

    // --- Lambda durations (the proxy behind GB-s) ---
    const durationRows = Object.entries(topology.functions)
      .map(([fn, spec]) => {
        const l = meter.durations.get(`lifecycles\u0000${fn}`) ?? [];
        const c = meter.durations.get(`care\u0000${fn}`) ?? [];
        return [
          fn,
          `${spec.memoryMb}`,
          String(l.length),
          l.length ? f(median(l), 1) : '',
          String(c.length),
          c.length ? f(median(c), 1) : '',
        ];
      })
      .filter((r) => r[2] !== '0' || r[4] !== '0');
    out.push(
      '',
      'Lambda invocations and in-process durations (ms, p50; the GB-s above bill each at its memory, 1 ms rounding)',
      table(
        [
          { header: 'function' },
          { header: 'MB', align: 'right' },
          { header: 'lifecycle runs', align: 'right' },
          { header: 'p50 ms', align: 'right' },
          { header: 'care runs', align: 'right' },
          { header: 'p50 ms', align: 'right' },
        ],
        durationRows,
      ),
    );

    const topText = (top: Priced[], scale: number) =>
      top.map(
        (l, i) =>
          `  ${i + 1}. ${l.service} ${l.fn}: ${l.what} — ${quantityText(l, scale)} ${unitOf(l.priceKey)}, ${usdText(l.usd * scale)}`,
      );
    out.push(
      heading('Cost model totals'),
      `USD per ${LIFECYCLES_PER.toLocaleString('en')} complaint lifecycles: ${usdText(life.total)}`,
      `USD per ${CARE_PER.toLocaleString('en')} care messages: ${usdText(careBucket.total)}`,
      `Without SES and SMS (what the design decides): ${usdText(platform(lifecycleLines, LIFECYCLES_PER / Math.max(1, live.length)))} per ${LIFECYCLES_PER.toLocaleString('en')} lifecycles, ${usdText(platform(price(careLines, prices), CARE_PER / Math.max(1, sent)))} per ${CARE_PER.toLocaleString('en')} care messages`,
      'Three largest lines per 1,000 lifecycles:',
      ...topText(life.top, LIFECYCLES_PER / Math.max(1, live.length)),
      'Three largest lines per 10,000 care messages:',
      ...topText(careBucket.top, CARE_PER / Math.max(1, sent)),
      '',
      ...timings,
      `meter side reads (uncounted, taken off the durations): ${meter.sideReads}`,
      heading('Legend'),
      'calls: API calls; on DynamoDB write lines, the items written (a transaction of 4 items is 4).',
      'DynamoDB: units computed with AWS rules from item sizes (names + values), not from DynamoDB Local: writes 1 WRU per',
      '  started KB of the larger of the item before and after, 2x in a transaction (cancelled transactions and refused',
      '  conditions billed for the item they read); each GSI (projection ALL) 1 WRU per KB when an item enters, leaves or',
      '  changes in it, 2 writes when its key moves; reads 4 KB units (0.5 eventually consistent, 1 strong, 2 transactional),',
      '  Query pages summed before rounding, misses 1 unit. DynamoDB Streams reads by Lambda are free.',
      'Lambda: each invocation timed in-process around the handler (local Node 20 on a shared x86 machine, DynamoDB Local',
      '  behind every call: a proxy for Lambda ARM durations), rounded up to 1 ms, billed at its memory (infra/topology.ts).',
      'SQS: requests with messages (send, receive, delete, visibility) per 64 KB chunk; idle long polls of the event source',
      '  mappings are a fixed cost not counted. EventBridge: custom events put by the relay, per 64 KB. API Gateway: HTTP',
      "  API requests the bench made (the console's own list/search reads are not modelled). SES: emails sent; SMS: parts",
      '  (GSM-7 160/153, UCS-2 70/67) by destination country. CloudWatch Logs: handler log lines at INFO (production) + 26',
      '  bytes per event, plus ~320 bytes of START/END/REPORT per invocation.',
      `Not in the totals: the hourly care planner's runs while the lifecycles' clock moves (fixed cost, see schedules), storage,`,
      '  Secrets Manager reads (cached per cold start), data transfer, CloudWatch metrics, free tiers.',
      `Knobs: BENCH_COST_LIFECYCLES (${LIFECYCLES_PER}), BENCH_COST_CARE (${CARE_PER}), BENCH_COST_LATE_EVERY (10), BENCH_COST_CONCURRENCY (8).`,
      `cost bench took ${f((performance.now() - started) / 1000, 0)} s`,
    );
    progress('');
    return { lines: out, problems, measured: live.length > 0 && sent > 0 };
  } finally {
    restoreLogs();
    await cloud.stop();
  }
}
