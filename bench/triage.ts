/**
 * Triage bench, run in its own process by bench/triage-main.ts (bench/run.ts starts it):
 *
 * 1. Pure decisions: `triage()` over the labelled corpus (services/triage/test/corpus.json), round
 *    after round, timed per decision, Chinese and English apart; and the cold cost of loading and
 *    validating the rules file, in fresh processes (bench/triage-cold.ts).
 * 2. End to end on the local cloud (real topology, in this process): sequential web complaints, each
 *    timed from its 201 to its `complaint.triaged` reaching the bus, with the path broken down by
 *    hooks on the bus, the invoker and the SQS client of the local cloud (infra/ is not changed).
 *
 * Import this module only after LOCAL_CLOUD_QUIET and POWERTOOLS_LOG_LEVEL are set: the handlers
 * create their loggers when the local cloud imports them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Category, Language } from '#shared/contracts/vocabulary';
import { OUTBOX_KIND } from '#shared/outbox/outbox-keys';
import { startLocalCloud } from '../infra/local/cloud';
import { topology } from '../infra/topology';
import { triageRules } from '../services/triage/domain/default-rules';
import type { TriageRules } from '../services/triage/domain/rules';
import { type TriageFacts, triage } from '../services/triage/domain/triage';
import { factsOf } from '../services/triage/scripts/explain';
import { type Column, heading, median, quantile, table } from './format';
import type { ColdRulesSample } from './triage-cold';

export const TRIAGE_TARGET_MS = 2000;

const CORPUS_FILE = fileURLToPath(new URL('../services/triage/test/corpus.json', import.meta.url));
const COLD_SCRIPT = fileURLToPath(new URL('./triage-cold.ts', import.meta.url));
const TRIAGE_FUNCTION = 'triage-complaint';
const RELAY_FUNCTION = 'outbox-relay';
const ROUTE = 'POST /v1/complaints';
const DESCRIPTION_MIN = 10;

export interface TriageBenchOptions {
  readonly root: string;
  /** Pure part: timed for at least this long and at least `minRounds` rounds over the corpus. */
  readonly seconds: number;
  readonly minRounds: number;
  readonly warmupRounds: number;
  /** Fresh processes for the cold rules load. */
  readonly coldRuns: number;
  /** End-to-end part: timed complaints, after `warmups` untimed ones. */
  readonly complaints: number;
  readonly warmups: number;
  /** Give up waiting for one complaint's complaint.triaged after this long. */
  readonly timeoutMs: number;
  /** Random pause (uniform 0..this) before each POST, so requests land anywhere in the pollers' cycles. */
  readonly maxPauseMs: number;
  readonly progress: (text: string) => void;
}

export interface TriageBenchReport {
  readonly lines: string[];
  readonly problems: string[];
  /** False when a part could not be measured at all (the caller exits non-zero). */
  readonly measured: boolean;
}

interface CorpusEntry {
  readonly id: string;
  readonly language: Language;
  readonly text: string;
  readonly requestedCategory?: Category;
  readonly flags?: TriageFacts['flags'];
  readonly customer?: { readonly age?: number; readonly tier?: string };
  readonly repeat?: boolean;
  readonly expected: { readonly category: string; readonly priority: string; readonly team: string };
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-');
const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function loadCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as CorpusEntry[];
}

// --------------------------------------------------------------------------------------------
// 1. Pure decisions
// --------------------------------------------------------------------------------------------

interface PureResult {
  readonly rounds: number;
  readonly wallMs: number;
  /** Per corpus entry, the time of each timed decision (ms). */
  readonly perEntry: readonly number[][];
  /** Decisions on an empty text (no cue can match), timed the same way. */
  readonly emptyMs: readonly number[];
  readonly timerOverheadMs: number;
  readonly labelsMatched: number;
}

function measurePure(
  corpus: readonly CorpusEntry[],
  rules: TriageRules,
  options: TriageBenchOptions,
): PureResult {
  const facts = corpus.map((entry) => factsOf(entry));
  const perEntry: number[][] = corpus.map(() => []);
  let sink = 0;
  const round = (record: boolean) => {
    for (let i = 0; i < facts.length; i++) {
      const started = performance.now();
      const decision = triage(facts[i]!, rules);
      const elapsed = performance.now() - started;
      sink += decision.reasons.length;
      if (record) perEntry[i]!.push(elapsed);
    }
  };
  options.progress(`triage: pure warm-up, ${options.warmupRounds} rounds`);
  for (let i = 0; i < options.warmupRounds; i++) round(false);

  let rounds = 0;
  let wallMs = 0;
  while (rounds < options.minRounds || wallMs < options.seconds * 1000) {
    if (rounds % 50 === 0) options.progress(`triage: pure round ${rounds + 1}`);
    const started = performance.now();
    round(true);
    wallMs += performance.now() - started;
    rounds++;
  }

  // the same decision on an empty text: what every decision costs whatever its text
  const emptyMs: number[] = [];
  for (let i = 0; i < Math.max(1000, corpus.length * 10); i++) {
    const started = performance.now();
    const decision = triage({ text: '' }, rules);
    emptyMs.push(performance.now() - started);
    sink += decision.reasons.length;
  }

  // what one performance.now() pair costs, so per-decision figures can be read against it
  const pairs: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const a = performance.now();
    pairs.push(performance.now() - a);
  }
  const labelsMatched = corpus.filter((entry, i) => {
    const d = triage(facts[i]!, rules);
    return (
      d.category === entry.expected.category &&
      d.priority === entry.expected.priority &&
      d.team === entry.expected.team
    );
  }).length;
  if (sink < 0) console.log(sink); // keeps the decisions observable
  return { rounds, wallMs, perEntry, emptyMs, timerOverheadMs: mean(pairs), labelsMatched };
}

function measureCold(runs: number, problems: string[]): ColdRulesSample[] {
  const samples: ColdRulesSample[] = [];
  for (let i = 0; i < runs; i++) {
    // the same node and loader (tsx) as this process, nothing else imported first
    const child = spawnSync(process.execPath, [...process.execArgv, COLD_SCRIPT], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = child.stdout?.trim().split('\n').at(-1);
    try {
      if (child.status !== 0 || !line) throw new Error(child.stderr?.trim().split('\n').at(-1) ?? '');
      samples.push(JSON.parse(line) as ColdRulesSample);
    } catch (error) {
      problems.push(
        `cold rules load run ${i + 1} failed (exit ${child.status}): ${(error as Error).message}`,
      );
    }
  }
  return samples;
}

function pureReport(
  corpus: readonly CorpusEntry[],
  rules: TriageRules,
  pure: PureResult,
  cold: readonly ColdRulesSample[],
  options: TriageBenchOptions,
): string[] {
  const out: string[] = [];
  const decisions = pure.rounds * corpus.length;
  out.push(
    heading(`Triage: pure decisions (triage() over ${corpus.length} corpus complaints)`),
    `rules ${rules.version}; ${pure.rounds} timed rounds (${int(decisions)} decisions, ${f2(pure.wallMs / 1000)} s) ` +
      `after ${options.warmupRounds} warm-up rounds; one performance.now() pair costs ${f2(pure.timerOverheadMs * 1000)} µs`,
    `decisions matching the corpus labels (category, priority and team): ${pure.labelsMatched}/${corpus.length}`,
  );

  const columns: Column[] = [
    { header: 'texts' },
    { header: 'complaints', align: 'right' },
    { header: 'avg chars', align: 'right' },
    { header: 'decisions/s', align: 'right' },
    { header: 'mean µs', align: 'right' },
    { header: 'p50 µs', align: 'right' },
    { header: 'p99 µs', align: 'right' },
    { header: 'max µs', align: 'right' },
  ];
  const row = (label: string, indexes: number[], perSecond: number, given?: readonly number[]) => {
    const samples = (given ?? indexes.flatMap((i) => pure.perEntry[i]!)).map((v) => v * 1000);
    const chars = given ? 0 : mean(indexes.map((i) => corpus[i]!.text.length));
    return [
      label,
      given ? '-' : String(indexes.length),
      f1(chars),
      int(perSecond),
      f1(mean(samples)),
      f1(quantile(samples, 0.5)),
      f1(quantile(samples, 0.99)),
      f1(Math.max(...samples)),
    ];
  };
  const all = corpus.map((_, i) => i);
  const busyPerSecond = (indexes: number[]) => {
    const samples = indexes.flatMap((i) => pure.perEntry[i]!);
    return samples.length / (samples.reduce((a, b) => a + b, 0) / 1000);
  };
  const zh = all.filter((i) => corpus[i]!.language === 'zh-CN');
  const en = all.filter((i) => corpus[i]!.language === 'en');
  out.push(
    '',
    'Decisions per second and time per decision (one core, this process)',
    table(columns, [
      row('all (wall clock of the timed rounds)', all, decisions / (pure.wallMs / 1000)),
      row('  Chinese (zh-CN)', zh, busyPerSecond(zh)),
      row('  English (en)', en, busyPerSecond(en)),
      row('context: empty text (the cost of any decision)', [], 1000 / mean(pure.emptyMs), pure.emptyMs),
    ]),
  );

  const slowest = all
    .map((i) => ({ i, p50: median(pure.perEntry[i]!) * 1000, p99: quantile(pure.perEntry[i]!, 0.99) * 1000 }))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 5);
  out.push(
    '',
    'Slowest corpus complaints (by median time per decision)',
    table(
      [
        { header: 'id' },
        { header: 'chars', align: 'right' },
        { header: 'p50 µs', align: 'right' },
        { header: 'p99 µs', align: 'right' },
        { header: 'text (start)' },
      ],
      slowest.map(({ i, p50, p99 }) => {
        const entry = corpus[i]!;
        const text = entry.text.replace(/\s+/g, ' ');
        return [
          entry.id,
          String(entry.text.length),
          f1(p50),
          f1(p99),
          text.length > 48 ? `${text.slice(0, 47)}…` : text,
        ];
      }),
    ),
  );

  if (cold.length > 0) {
    const pick = (get: (s: ColdRulesSample) => number) => {
      const values = cold.map(get);
      return [f2(median(values)), f2(Math.min(...values)), f2(Math.max(...values))];
    };
    out.push(
      '',
      `Rules file load, cold (${cold.length} fresh processes; triage-rules.json ${f1((cold[0]?.bytes ?? 0) / 1024)} KB, version ${cold[0]?.version})`,
      table(
        [
          { header: 'step' },
          { header: 'median ms', align: 'right' },
          { header: 'min ms', align: 'right' },
          { header: 'max ms', align: 'right' },
        ],
        [
          ['read + JSON.parse the rules file', ...pick((s) => s.readParseMs)],
          ['loadTriageRules(raw), first call (cold)', ...pick((s) => s.firstValidateMs)],
          ['= load + validate once (cold)', ...pick((s) => s.readParseMs + s.firstValidateMs)],
          ['loadTriageRules(raw), warm (median of 20 repeats)', ...pick((s) => median(s.warmValidateMs))],
          ['context: import of rules.ts (zod/mini, schema; via tsx)', ...pick((s) => s.importMs)],
        ],
      ),
    );
  }
  return out;
}

// --------------------------------------------------------------------------------------------
// 2. End to end on the local cloud
// --------------------------------------------------------------------------------------------

/** Instants (performance.now()) of one complaint's way through the local cloud; first seen wins. */
interface Marks {
  /** The outbox relay is invoked with the stream record of the complaint.received outbox item. */
  relayReceived?: number;
  /** The relay's PutEvents of complaint.received reaches the bus. */
  received?: number;
  /** The triage queue poller's ReceiveMessage returns the message. */
  dequeued?: number;
  /** How long that ReceiveMessage had been open (its long poll) when it returned. */
  pollOpenMs?: number;
  handlerStart?: number;
  handlerEnd?: number;
  /** The relay is invoked with the stream record of the complaint.triaged outbox item. */
  relayTriaged?: number;
  /** The relay's PutEvents of complaint.triaged reaches the bus: the end of the measured path. */
  triaged?: number;
}

interface Sample {
  readonly complaintId: string;
  readonly entry: CorpusEntry;
  readonly description: string;
  readonly sentAt: number;
  readonly answeredAt: number;
}

interface ReceiveCall {
  readonly waitSeconds: number;
  readonly ms: number;
  readonly messages: number;
  readonly timed: boolean;
}

interface FunctionWork {
  invocations: number;
  /** Invocations that threw or reported batchItemFailures. */
  failed: number;
  readonly ms: number[];
}

interface E2eResult {
  readonly samples: Sample[];
  readonly work: Map<string, FunctionWork>;
  readonly marks: Map<string, Marks>;
  readonly decisions: Map<string, { category?: string; priority?: string; team?: string }>;
  readonly receives: ReceiveCall[];
  readonly deliveries: Map<string, number>;
  readonly batchSizes: number[];
  readonly statuses: Map<number, number>;
  readonly timedOut: number;
  readonly seconds: number;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `data.complaintId` of an event envelope (a bus event's detail). */
function complaintIdOf(envelope: unknown): string | undefined {
  const id = (envelope as { data?: { complaintId?: unknown } } | undefined)?.data?.complaintId;
  return typeof id === 'string' ? id : undefined;
}

type Image = Record<string, { S?: string; M?: Image } | undefined>;

/** The outbox events (type, complaintId) in the stream records the relay is invoked with. */
function outboxEventsOf(event: unknown): { type: string; complaintId: string }[] {
  const records = (event as { Records?: { eventName?: string; dynamodb?: { NewImage?: Image } }[] })?.Records;
  const found: { type: string; complaintId: string }[] = [];
  for (const record of records ?? []) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.kind?.S !== OUTBOX_KIND) continue;
    const envelope = image.event?.M;
    const type = envelope?.type?.S;
    const complaintId = envelope?.data?.M?.complaintId?.S;
    if (type && complaintId) found.push({ type, complaintId });
  }
  return found;
}

/** The complaint ids in an SQS event (each body is an EventBridge event whose detail is the envelope). */
function sqsComplaintIds(event: unknown): string[] {
  const records = (event as { Records?: { body?: string }[] })?.Records ?? [];
  return records.flatMap((r) => {
    const id = complaintIdOf((parseJson(r.body) as { detail?: unknown } | undefined)?.detail);
    return id ? [id] : [];
  });
}

/** Corpus entries alternating Chinese and English, so both run through every phase of the run. */
function interleave(corpus: readonly CorpusEntry[]): CorpusEntry[] {
  const zh = corpus.filter((e) => e.language === 'zh-CN');
  const en = corpus.filter((e) => e.language !== 'zh-CN');
  const out: CorpusEntry[] = [];
  for (let i = 0; i < Math.max(zh.length, en.length); i++) {
    const [a, b] = [zh[i], en[i]];
    if (a) out.push(a);
    if (b) out.push(b);
  }
  return out;
}

/**
 * The description a web form would send for a corpus text: the text itself, padded with clause
 * ends ("。" or ".", which no cue contains) when it is shorter than the form's 10 characters.
 */
function descriptionOf(entry: CorpusEntry): string {
  const text = entry.text.trim();
  const pad = entry.language === 'zh-CN' ? '。' : '.';
  return text.length >= DESCRIPTION_MIN ? text : text + pad.repeat(DESCRIPTION_MIN - text.length);
}

/** A valid web body (shared/contracts/complaint-requests.ts): one new customer per complaint. */
function webRequest(run: string, n: number, entry: CorpusEntry) {
  const body = {
    customer: { name: `Triage Bench ${n}`, phone: `138${String(n % 1e8).padStart(8, '0')}` },
    description: descriptionOf(entry),
    ...(entry.requestedCategory ? { category: entry.requestedCategory } : {}),
    language: entry.language,
    consent: { dataProcessing: true },
  };
  return {
    headers: { 'content-type': 'application/json', 'idempotency-key': `triage-bench-${run}-${n}` },
    body: JSON.stringify(body),
    description: body.description,
  };
}

async function runE2e(
  corpus: readonly CorpusEntry[],
  options: TriageBenchOptions,
  problems: string[],
): Promise<E2eResult> {
  const { progress } = options;
  progress('triage: starting the local cloud (DynamoDB Local, fauxqs, SES)');
  const cloud = await startLocalCloud({ topology, port: 0, sesPort: 0, root: options.root });
  const startedAt = performance.now();
  try {
    const marks = new Map<string, Marks>();
    const mark = (id: string, key: keyof Marks, at: number) => {
      let m = marks.get(id);
      if (!m) {
        m = {};
        marks.set(id, m);
      }
      m[key] ??= at;
    };
    const decisions = new Map<string, { category?: string; priority?: string; team?: string }>();
    const waiters = new Map<string, () => void>();

    // the bus: when each relay PutEvents entry arrives (aws-endpoint.ts calls bus.putEvents)
    const putEvents = cloud.bus.putEvents.bind(cloud.bus);
    cloud.bus.putEvents = (entries) => {
      const at = performance.now();
      for (const entry of entries) {
        const envelope = parseJson(entry.Detail);
        const id = complaintIdOf(envelope);
        if (!id) continue;
        if (entry.DetailType === 'complaint.received') mark(id, 'received', at);
        if (entry.DetailType === 'complaint.triaged') {
          mark(id, 'triaged', at);
          if (!decisions.has(id))
            decisions.set(
              id,
              (envelope as { data: { category?: string; priority?: string; team?: string } }).data,
            );
          waiters.get(id)?.();
        }
      }
      return putEvents(entries);
    };

    // the invoker: the relay's stream batches and the triage handler's SQS batches
    const deliveries = new Map<string, number>();
    const batchSizes: number[] = [];
    // every invocation during the timed complaints, by function: what else shares this process
    const work = new Map<string, FunctionWork>();
    let timedPhase = false;
    const invoke = cloud.invoker.invoke.bind(cloud.invoker);
    cloud.invoker.invoke = async (name, event) => {
      const at = performance.now();
      let ids: string[] = [];
      if (name === RELAY_FUNCTION) {
        for (const { type, complaintId } of outboxEventsOf(event)) {
          if (type === 'complaint.received') mark(complaintId, 'relayReceived', at);
          if (type === 'complaint.triaged') mark(complaintId, 'relayTriaged', at);
        }
      } else if (name === TRIAGE_FUNCTION) {
        ids = sqsComplaintIds(event);
        batchSizes.push(ids.length);
        for (const id of ids) {
          mark(id, 'handlerStart', at);
          deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        }
      }
      const stats = timedPhase ? (work.get(name) ?? { invocations: 0, failed: 0, ms: [] }) : undefined;
      if (stats) work.set(name, stats);
      let failed = true;
      try {
        const result = await invoke(name, event);
        const failures = (result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures;
        failed = Array.isArray(failures) && failures.length > 0;
        return result;
      } finally {
        const done = performance.now();
        for (const id of ids) mark(id, 'handlerEnd', done);
        if (stats) {
          stats.invocations++;
          if (failed) stats.failed++;
          stats.ms.push(done - at);
        }
      }
    };

    // the SQS client the pollers (and the bus) use: every ReceiveMessage of the triage queue
    const triageQueue = cloud.queues.find((q) => q.subscription.function === TRIAGE_FUNCTION);
    if (!triageQueue) throw new Error(`no queue subscription invokes ${TRIAGE_FUNCTION}`);
    const receives: ReceiveCall[] = [];
    cloud.sqs.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { QueueUrl?: string; WaitTimeSeconds?: number };
        if (context.commandName !== 'ReceiveMessageCommand' || input.QueueUrl !== triageQueue.url)
          return next(args);
        const started = performance.now();
        const result = await next(args);
        const ended = performance.now();
        const messages = (result.output as { Messages?: { Body?: string }[] }).Messages ?? [];
        receives.push({
          waitSeconds: input.WaitTimeSeconds ?? 0,
          ms: ended - started,
          messages: messages.length,
          timed: timedPhase,
        });
        for (const message of messages) {
          const id = complaintIdOf((parseJson(message.Body) as { detail?: unknown } | undefined)?.detail);
          if (!id) continue;
          mark(id, 'dequeued', ended);
          mark(id, 'pollOpenMs', ended - started);
        }
        return result;
      },
      { step: 'initialize', name: 'benchTriageReceiveTiming' },
    );

    const waitForTriaged = (id: string) =>
      new Promise<boolean>((resolve) => {
        if (marks.get(id)?.triaged !== undefined) return resolve(true);
        const timer = setTimeout(() => {
          waiters.delete(id);
          resolve(false);
        }, options.timeoutMs);
        waiters.set(id, () => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve(true);
        });
      });

    const run = Date.now().toString(36);
    const items = interleave(corpus);
    const samples: Sample[] = [];
    const statuses = new Map<number, number>();
    let timedOut = 0;
    const total = options.warmups + options.complaints;
    for (let n = 0; n < total; n++) {
      const timed = n >= options.warmups;
      timedPhase = timed;
      progress(
        timed
          ? `triage: complaint ${n - options.warmups + 1}/${options.complaints}`
          : `triage: warm-up complaint ${n + 1}/${options.warmups}`,
      );
      await sleep(Math.random() * options.maxPauseMs);
      const entry = items[n % items.length]!;
      const { headers, body, description } = webRequest(run, n, entry);
      const sentAt = performance.now();
      const response = await fetch(`${cloud.url}/v1/complaints`, { method: 'POST', headers, body });
      const text = await response.text();
      const answeredAt = performance.now();
      if (timed) statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const complaintId = (parseJson(text) as { complaintId?: unknown } | undefined)?.complaintId;
      if (response.status !== 201 || typeof complaintId !== 'string') {
        if (problems.length < 5) problems.push(`${ROUTE} answered ${response.status}: ${text.slice(0, 300)}`);
        continue;
      }
      const triaged = await waitForTriaged(complaintId);
      if (!triaged) {
        if (timed) timedOut++;
        if (problems.length < 5)
          problems.push(`complaint ${complaintId} (${entry.id}) not triaged within ${options.timeoutMs} ms`);
        continue;
      }
      if (timed) samples.push({ complaintId, entry, description, sentAt, answeredAt });
    }
    timedPhase = false;
    progress('triage: waiting for the local cloud to settle');
    await cloud.settle(10_000);
    progress('');
    return {
      samples,
      work,
      marks,
      decisions,
      receives,
      deliveries,
      batchSizes,
      statuses,
      timedOut,
      seconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    await cloud.stop();
  }
}

function e2eReport(result: E2eResult, options: TriageBenchOptions): string[] {
  const out: string[] = [];
  const { samples, marks } = result;
  const m = (s: Sample) => marks.get(s.complaintId) ?? {};
  const statsRow = (label: string, values: number[], extra: string[] = []) => [
    label,
    String(values.length),
    f1(quantile(values, 0.5)),
    f1(quantile(values, 0.9)),
    f1(quantile(values, 0.99)),
    f1(values.length ? Math.max(...values) : Number.NaN),
    f1(mean(values)),
    ...extra,
  ];
  const statColumns: Column[] = [
    { header: 'n', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p90 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'max ms', align: 'right' },
    { header: 'mean ms', align: 'right' },
  ];

  const headline = samples.map((s) => m(s).triaged! - s.answeredAt);
  const p99 = quantile(headline, 0.99);
  const statuses = [...result.statuses.entries()].map(([code, count]) => `${count}× ${code}`).join(', ');
  out.push(
    heading('Triage: end to end on the local cloud (infra/topology.ts)'),
    `${options.complaints} sequential web complaints (corpus texts, Chinese and English alternating) after ` +
      `${options.warmups} warm-up ones; each waits 0-${options.maxPauseMs} ms (random), is posted, and the next ` +
      `one starts once its complaint.triaged is on the bus. Responses: ${statuses || 'none'}; ` +
      `not triaged within ${options.timeoutMs} ms: ${result.timedOut}. Took ${f1(result.seconds)} s.`,
    '',
    `Time to triage (acceptance: triaged within ${TRIAGE_TARGET_MS} ms of the 201, on the local clock; p99 of ${samples.length})`,
    table(
      [{ header: 'measure' }, ...statColumns, { header: 'target', align: 'right' }, { header: 'status' }],
      [
        statsRow('201 → complaint.triaged on the bus (headline)', headline, [
          `p99 ≤ ${TRIAGE_TARGET_MS}`,
          Number.isFinite(p99) ? (p99 <= TRIAGE_TARGET_MS ? 'PASS' : 'OVER') : 'ERROR',
        ]),
        statsRow(
          'context: POST sent → complaint.triaged on the bus',
          samples.map((s) => m(s).triaged! - s.sentAt),
          ['', '(context)'],
        ),
        statsRow(
          `context: ${ROUTE} (sent → 201 read)`,
          samples.map((s) => s.answeredAt - s.sentAt),
          ['', '(context)'],
        ),
      ],
    ),
  );

  // the path, stage by stage: consecutive instants, so the means add up to the headline mean
  const stages: {
    label: string;
    from: (s: Sample) => number | undefined;
    to: (s: Sample) => number | undefined;
  }[] = [
    {
      label: '201 → relay invoked with the complaint.received outbox record (stream poll)',
      from: (s) => s.answeredAt,
      to: (s) => m(s).relayReceived,
    },
    {
      label: '  relay: published-check BatchGet, PutEvents complaint.received reaches the bus',
      from: (s) => m(s).relayReceived,
      to: (s) => m(s).received,
    },
    {
      label: '  bus → SendMessage → the long-polling ReceiveMessage returns it',
      from: (s) => m(s).received,
      to: (s) => m(s).dequeued,
    },
    {
      label: '  batch fill (one more ReceiveMessage, 0 s wait) → handler invoked',
      from: (s) => m(s).dequeued,
      to: (s) => m(s).handlerStart,
    },
    {
      label: '  triage handler (complaint, customer if known, 90-day history, triage(), transaction)',
      from: (s) => m(s).handlerStart,
      to: (s) => m(s).handlerEnd,
    },
    {
      label: '  handler done → relay invoked with the complaint.triaged outbox record (stream poll)',
      from: (s) => m(s).handlerEnd,
      to: (s) => m(s).relayTriaged,
    },
    {
      label: '  relay: published-check BatchGet, PutEvents complaint.triaged reaches the bus',
      from: (s) => m(s).relayTriaged,
      to: (s) => m(s).triaged,
    },
  ];
  const headlineMean = mean(headline);
  const stageRows = stages.map(({ label, from, to }) => {
    const values = samples.flatMap((s) => {
      const a = from(s);
      const b = to(s);
      return a !== undefined && b !== undefined ? [b - a] : [];
    });
    return statsRow(label, values, [
      Number.isFinite(mean(values) / headlineMean)
        ? `${((mean(values) * 100) / headlineMean).toFixed(0)}%`
        : '-',
    ]);
  });
  stageRows.push(statsRow('= 201 → complaint.triaged on the bus', headline, ['100%']));
  out.push(
    '',
    'Where the time goes (consecutive instants per complaint; means add up to the total, percentiles do not)',
    table([{ header: 'stage' }, ...statColumns, { header: 'share of mean', align: 'right' }], stageRows),
  );

  // the triage queue poller's receives in the timed phase
  const timedReceives = result.receives.filter((r) => r.timed);
  const kinds: { label: string; filter: (r: ReceiveCall) => boolean }[] = [
    {
      label: 'long poll (WaitTimeSeconds > 0) that returned a message',
      filter: (r) => r.waitSeconds > 0 && r.messages > 0,
    },
    {
      label: 'long poll that returned empty (nothing within the wait)',
      filter: (r) => r.waitSeconds > 0 && r.messages === 0,
    },
    { label: 'batch fill (WaitTimeSeconds 0) after a message', filter: (r) => r.waitSeconds === 0 },
  ];
  const pollOpen = samples.flatMap((s) => (m(s).pollOpenMs === undefined ? [] : [m(s).pollOpenMs!]));
  out.push(
    '',
    `ReceiveMessage calls of the ${TRIAGE_FUNCTION} queue poller during the timed complaints (${timedReceives.length} calls)`,
    table(
      [{ header: 'kind' }, ...statColumns, { header: 'messages', align: 'right' }],
      [
        ...kinds.map(({ label, filter }) => {
          const calls = timedReceives.filter(filter);
          return statsRow(
            label,
            calls.map((r) => r.ms),
            [String(calls.reduce((n, r) => n + r.messages, 0))],
          );
        }),
        statsRow('the receive that delivered each complaint: time it had been open', pollOpen, ['']),
      ],
    ),
  );

  // everything the local cloud ran meanwhile: it shares this event loop and DynamoDB Local
  out.push(
    '',
    `Invocations during the timed complaints, by function (all share this process and DynamoDB Local)`,
    table(
      [
        { header: 'function' },
        { header: 'invocations', align: 'right' },
        { header: 'per complaint', align: 'right' },
        { header: 'failed', align: 'right' },
        { header: 'p50 ms', align: 'right' },
        { header: 'max ms', align: 'right' },
      ],
      [...result.work.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([fn, w]) => [
          fn,
          String(w.invocations),
          f2(w.invocations / Math.max(1, samples.length)),
          String(w.failed),
          f1(quantile(w.ms, 0.5)),
          f1(w.ms.length ? Math.max(...w.ms) : Number.NaN),
        ]),
    ),
  );

  // sanity: the decisions on the bus are those of the pure function for the same text
  let agreed = 0;
  const disagreements: string[] = [];
  for (const s of samples) {
    const expected = triage(
      { text: s.description, requestedCategory: s.entry.requestedCategory },
      triageRules,
    );
    const got = result.decisions.get(s.complaintId);
    if (
      got?.category === expected.category &&
      got.priority === expected.priority &&
      got.team === expected.team
    )
      agreed++;
    else if (disagreements.length < 3)
      disagreements.push(
        `${s.entry.id}: bus ${got?.category}/${got?.priority}/${got?.team}, pure ${expected.category}/${expected.priority}/${expected.team}`,
      );
  }
  const multi = [...result.deliveries.entries()].filter(
    ([id, count]) => count > 1 && samples.some((s) => s.complaintId === id),
  );
  out.push(
    '',
    `complaint.triaged decisions equal to pure triage() of the same description and category: ${agreed}/${samples.length}` +
      (disagreements.length ? ` (e.g. ${disagreements.join('; ')})` : ''),
    `triage handler batches: ${result.batchSizes.length}, largest ${Math.max(0, ...result.batchSizes)} message(s); ` +
      `timed complaints delivered more than once: ${multi.length}`,
  );
  return out;
}

function legend(options: TriageBenchOptions): string[] {
  return [
    heading('Triage legend'),
    'Pure: triage(facts, rules) from services/triage/domain/triage.ts with the shipped rules',
    '  (default-rules.ts) on factsOf(entry) (services/triage/scripts/explain.ts) of every corpus entry,',
    '  facts built once outside the timing. Each decision is timed alone with performance.now(); the',
    '  "all" row\'s decisions/s is decisions / wall time of the timed rounds (timer calls included), the',
    "  language rows' decisions/s is 1 / their mean time per decision (one core, busy time only).",
    '  The empty-text row is triage({ text: "" }) timed the same way: no cue matches, so it is the part',
    '  of every decision that does not depend on the text (per-cue work over the whole rule set).',
    `  Timed for at least ${options.seconds} s and ${options.minRounds} rounds after ${options.warmupRounds} warm-up rounds (JIT).`,
    'Rules load, cold: bench/triage-cold.ts in fresh node processes (same tsx loader), importing nothing',
    '  before it: read + JSON.parse of triage-rules.json, then the first loadTriageRules(raw) (zod/mini',
    '  validation, cold code paths), i.e. what a cold start pays once; warm = later calls. The bundled',
    '  Lambda inlines the JSON (no file read), and the import line includes tsx transpiling here.',
    `End to end: startLocalCloud with infra/topology.ts in this process (DynamoDB Local in memory,`,
    '  fauxqs, every handler, the outbox relay on the Complaints stream, the queue pollers); one',
    `  ${ROUTE} at a time with a corpus text as description (padded to 10 characters with "。"/"."`,
    '  when shorter), the requested category when the entry has one, a new customer (phone) each, so no',
    '  history; hotline flags, age, tier and repeat cannot come through the web form.',
    '  Instants are taken by the bench in this process: the 201 is when the response body was read;',
    '  "on the bus" is when the relay\'s PutEvents entry reaches LocalBus.putEvents (wrapped at runtime);',
    '  the relay and handler instants wrap Invoker.invoke; the dequeue instant is a middleware on the',
    "  local cloud's SQS client. The first relay stage can be near zero or negative: the intake",
    '  transaction commits before the 201 is written, so the stream can be read while it is in flight.',
    'Invocations: every Invoker.invoke while the timed complaints ran, by function (queue consumers',
    '  of complaint.received / complaint.triaged other than triage run in this process too); failed =',
    '  threw or returned batchItemFailures (SQS redelivers those after the visibility timeout).',
    'The path: intake commits the complaint and its complaint.received outbox item in one transaction;',
    '  the stream poller (infra/local/stream-poller.ts) loops DescribeStream + GetRecords per shard and',
    '  sleeps 200 ms after a pass that read nothing, so a new record waits 0-200 ms plus a read, and the',
    '  Complaints and Campaigns streams each have their own poller; the relay checks the item is not',
    '  yet published (consistent BatchGet), sends PutEvents to the local EventBridge, which SendMessages',
    '  it to every matching queue (triage-received among them), then marks it published (an UpdateItem',
    '  whose stream record the next pass reads). The queue poller (infra/local/sqs-poller.ts) always',
    '  has a ReceiveMessage open with WaitTimeSeconds 1: fauxqs answers it as soon as a message arrives (long poll), or empty',
    '  after 1 s, and the poller asks again at once, so an idle queue costs one call a second and a',
    '  message does not wait for a poll interval. With batchSize 10 the poller then asks once more with',
    '  WaitTimeSeconds 0 to fill the batch (empty here, one message at a time) before invoking the',
    "  handler: like Lambda's event source mapping without a batching window. The handler reads the",
    '  complaint, the customer and the 90-day history, decides, and writes the decision, status and the',
    '  complaint.triaged outbox item in one transaction; its record reaches the bus through the same',
    '  stream poll and relay. On AWS the stream and queue hops are Lambda event source mappings with',
    '  their own latencies (streams poll about 4 times a second per shard), so these figures are the',
    '  local path only.',
    `Knobs: BENCH_TRIAGE_SECONDS (${options.seconds}), BENCH_TRIAGE_MIN_ROUNDS (${options.minRounds}), BENCH_TRIAGE_WARMUP_ROUNDS`,
    `  (${options.warmupRounds}), BENCH_TRIAGE_COLD_RUNS (${options.coldRuns}), BENCH_TRIAGE_COMPLAINTS (${options.complaints}),`,
    `  BENCH_TRIAGE_WARMUPS (${options.warmups}), BENCH_TRIAGE_TIMEOUT_MS (${options.timeoutMs}), BENCH_TRIAGE_MAX_PAUSE_MS (${options.maxPauseMs}).`,
  ];
}

export async function runTriageBench(options: TriageBenchOptions): Promise<TriageBenchReport> {
  const problems: string[] = [];
  const lines: string[] = [];
  const started = performance.now();
  let measured = true;
  const corpus = loadCorpus();

  const pure = measurePure(corpus, triageRules, options);
  options.progress(`triage: cold rules load, ${options.coldRuns} fresh processes`);
  const cold = measureCold(options.coldRuns, problems);
  if (options.coldRuns > 0 && cold.length === 0) measured = false;
  lines.push(...pureReport(corpus, triageRules, pure, cold, options));

  try {
    const e2e = await runE2e(corpus, options, problems);
    if (e2e.samples.length === 0) {
      measured = false;
      problems.push('no complaint was triaged end to end');
    } else lines.push(...e2eReport(e2e, options));
  } catch (error) {
    options.progress('');
    measured = false;
    problems.push(
      `the end-to-end triage bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  lines.push(...legend(options), '', `triage bench took ${f1((performance.now() - started) / 1000)} s`);
  return { lines, problems, measured };
}
