/**
 * The notify bench (bench/notify-main.ts runs it in a process of its own): how fast does notify
 * send without a limit, and does a 5,000-message burst at 14/s go out completely, never faster?
 *
 * `startLocalCloud` with infra/topology.ts and AWS's visibility timeout (6 × the function
 * timeout, so a message that gives up waiting comes back two minutes later, as on AWS). Staff SLA
 * warnings (one email each, to an address of its own: services/notify/test/burst.ts) are queued
 * straight onto notify-events with SendMessageBatch, as the bus's rule would, and the real poller
 * (the subscription's maxConcurrency batches at once), handler, message log, permit counters and
 * SES emulator do the rest. Sends are timed where the provider call starts (a wrapper around the
 * SES sender, which the rate limiter calls at send time); deliveries are counted in the mailbox.
 *
 * (a) `EMAIL_SEND_RATE=unlimited`: messages per second through the handler to the local SES.
 * (b) `EMAIL_SEND_RATE=14`: the burst queued at once; peak sends started in any calendar second,
 *     mean rate, total time, delivered, DLQ, redeliveries, permit writes.
 */
import { cpus, loadavg } from 'node:os';
import { type LocalCloud, startLocalCloud } from '../infra/local/cloud';
import { topology } from '../infra/topology';
import { dynamoSendPermits } from '../services/notify/adapters/send-rate';
import { sesSender } from '../services/notify/adapters/senders';
import {
  addressOf,
  perSecond,
  queueAll,
  queueDepth,
  recordSendStarts,
  type SendStart,
  slaWarning,
} from '../services/notify/test/burst';
import { mailboxCounts } from '../services/notify/test/mailbox';
import { changeSettings } from '../test/support/settings';
import type { BenchReport } from './console';
import { type Column, heading, quantile, table } from './format';

export interface NotifyBenchOptions {
  readonly root: string;
  /** Messages of the unlimited throughput run (a). */
  readonly throughput: number;
  /** Messages of the burst (b) and its rate. */
  readonly burst: number;
  readonly rate: number;
  /** Longest wait for a run to finish before it is reported as incomplete. */
  readonly timeoutSeconds: number;
  readonly progress: (text: string) => void;
}

interface RunStats {
  readonly messages: number;
  readonly queuedMs: number;
  readonly totalMs: number;
  readonly starts: SendStart[];
  readonly delivered: number;
  readonly duplicates: number;
  readonly left: number;
  readonly deadLetters: number;
  readonly redelivered: number;
  readonly failedRecords: number;
  readonly maxConcurrent: number;
  readonly permitWrites: number;
  readonly permitsRefused: number;
  readonly complete: boolean;
}

/** Issue 16: refused permit writes (each billed as a write) at most this share of the sends. */
const REFUSED_SHARE_GOAL_PERCENT = 10;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const s = (ms: number) => fmt(ms / 1000);

export async function runNotifyBench(options: NotifyBenchOptions): Promise<BenchReport> {
  const { progress } = options;
  const lines: string[] = [];
  const problems: string[] = [];
  const loadAtStart = loadavg()[0]!.toFixed(1);

  progress('notify: starting the local cloud (DynamoDB Local in memory, fauxqs, SES)');
  // visibility timeouts as deployed (no override): a give-up costs what it costs on AWS
  const cloud: LocalCloud = await startLocalCloud({ topology, port: 0, sesPort: 0, root: options.root });
  const queue = cloud.queues.find((q) => q.subscription.queue === 'notify-events')!;

  // --- accounting around the real parts: invocations of notify-events and permit writes ---
  const counters = {
    concurrent: 0,
    maxConcurrent: 0,
    redelivered: 0,
    failedRecords: 0,
    writes: 0,
    refused: 0,
  };
  const invoke = cloud.invoker.invoke.bind(cloud.invoker);
  cloud.invoker.invoke = async (name, event) => {
    if (name !== 'notify-events') return invoke(name, event);
    const records = (event as { Records: { attributes: { ApproximateReceiveCount: string } }[] }).Records;
    counters.redelivered += records.filter((r) => Number(r.attributes.ApproximateReceiveCount) > 1).length;
    counters.maxConcurrent = Math.max(counters.maxConcurrent, ++counters.concurrent);
    try {
      const response = (await invoke(name, event)) as { batchItemFailures?: unknown[] } | undefined;
      counters.failedRecords += response?.batchItemFailures?.length ?? 0;
      return response;
    } finally {
      counters.concurrent--;
    }
  };
  const reserve = dynamoSendPermits.reserve.bind(dynamoSendPermits);
  dynamoSendPermits.reserve = async (channel, second, limit, count) => {
    counters.writes++;
    const reservation = await reserve(channel, second, limit, count);
    if (!reservation.granted) counters.refused++;
    return reservation;
  };

  const run = async (tag: string, messages: number, rate: string): Promise<RunStats> => {
    changeSettings({ EMAIL_SEND_RATE: rate });
    Object.assign(counters, { maxConcurrent: 0, redelivered: 0, failedRecords: 0, writes: 0, refused: 0 });
    const recorder = recordSendStarts(sesSender);
    const started = Date.now();
    try {
      await queueAll(
        cloud.sqs,
        queue.url,
        Array.from({ length: messages }, (_, i) => slaWarning(tag, i)),
      );
      const queuedMs = Date.now() - started;
      const deadline = started + options.timeoutSeconds * 1000;
      let complete = false;
      while (Date.now() < deadline) {
        const sent = recorder.starts.length;
        progress(`notify ${tag}: ${sent}/${messages} sent, ${s(Date.now() - started)} s`);
        if (sent >= messages) {
          complete = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      await cloud.settle(30_000);
      const starts = [...recorder.starts];
      const totalMs = Math.max(...starts.map((x) => x.at)) - started;
      const counts = await mailboxCounts(cloud, tag);
      let delivered = 0;
      let duplicates = 0;
      for (let i = 0; i < messages; i++) {
        const n = counts.get(addressOf(tag, i)) ?? 0;
        if (n > 0) delivered++;
        if (n > 1) duplicates += n - 1;
      }
      return {
        messages,
        queuedMs,
        totalMs,
        starts,
        delivered,
        duplicates,
        left: await queueDepth(cloud.sqs, queue.url),
        deadLetters: await queueDepth(cloud.sqs, queue.dlqUrl),
        redelivered: counters.redelivered,
        failedRecords: counters.failedRecords,
        maxConcurrent: counters.maxConcurrent,
        permitWrites: counters.writes,
        permitsRefused: counters.refused,
        complete,
      };
    } finally {
      recorder.stop();
    }
  };

  try {
    progress('notify: warm-up (50 messages, unlimited)');
    await run('warmup', 50, 'unlimited');

    progress('notify: (a) throughput, unlimited');
    const a = await run('unlimited', options.throughput, 'unlimited');
    progress(`notify: (b) burst of ${options.burst} at ${options.rate}/s`);
    const b = await run('burst', options.burst, String(options.rate));
    progress('');

    const spanS = (r: RunStats) => {
      const at = r.starts.map((x) => x.at);
      return (Math.max(...at) - Math.min(...at)) / 1000;
    };
    const mean = (r: RunStats) => (r.starts.length - 1) / spanS(r);
    /** Sends over the calendar seconds from the first send's to the last's, both counted whole. */
    const meanPerCalendarSecond = (r: RunStats) => {
      const seconds = r.starts.map((x) => Math.floor(x.at / 1000));
      return r.starts.length / (Math.max(...seconds) - Math.min(...seconds) + 1);
    };
    const subscription = queue.subscription;

    lines.push(
      heading('Notify: send rate'),
      `node ${process.version}, ${cpus().length} CPU(s), load average ${loadAtStart} at start; notify-events: batch ${subscription.batchSize}, maxConcurrency ${subscription.maxConcurrency ?? 1}, maxReceiveCount ${subscription.maxReceiveCount}, visibility ${queue.visibilityTimeoutSeconds} s; send wait limit ${process.env.SEND_RATE_MAX_WAIT_MS ?? 'default'} ms`,
    );

    const aColumns: Column[] = [
      { header: 'messages', align: 'right' },
      { header: 'delivered', align: 'right' },
      { header: 'queue→last sent s', align: 'right' },
      { header: 'msgs/s end to end', align: 'right' },
      { header: 'first→last send s', align: 'right' },
      { header: 'msgs/s sending', align: 'right' },
      { header: 'peak in a second', align: 'right' },
      { header: 'batches at once', align: 'right' },
    ];
    lines.push(
      '',
      '(a) Throughput to the local SES, EMAIL_SEND_RATE=unlimited',
      table(aColumns, [
        [
          String(a.messages),
          String(a.delivered),
          s(a.totalMs),
          fmt(a.messages / (a.totalMs / 1000)),
          fmt(spanS(a)),
          fmt(mean(a)),
          String(perSecond(a.starts).peak),
          String(a.maxConcurrent),
        ],
      ]),
    );

    const bSeconds = perSecond(b.starts);
    const bPeak = bSeconds.peak;
    const bColumns: Column[] = [
      { header: 'figure' },
      { header: 'value', align: 'right' },
      { header: 'target' },
      { header: 'status' },
    ];
    const status = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    lines.push(
      '',
      `(b) Burst of ${b.messages} queued at once, EMAIL_SEND_RATE=${options.rate}`,
      table(bColumns, [
        [
          'peak sends started in one calendar second',
          String(bPeak),
          `≤ ${options.rate}`,
          status(bPeak <= options.rate),
        ],
        [
          'mean rate: sends / calendar seconds, first to last',
          fmt(meanPerCalendarSecond(b), 2),
          `≤ ${options.rate}`,
          status(meanPerCalendarSecond(b) <= options.rate),
        ],
        ['seconds with a send', String(bSeconds.seconds.size), '', ''],
        [
          'total time, queueing to last send (s)',
          s(b.totalMs),
          `${fmt(b.messages / options.rate)} at exactly ${options.rate}/s`,
          '',
        ],
        ['queueing the burst took (s)', s(b.queuedMs), '', ''],
        [
          'delivered (distinct, in the mailbox)',
          String(b.delivered),
          `= ${b.messages}`,
          status(b.delivered === b.messages),
        ],
        ['duplicates in the mailbox', String(b.duplicates), '= 0', status(b.duplicates === 0)],
        ['left in notify-events', String(b.left), '= 0', status(b.left === 0)],
        ['in notify-events-dlq', String(b.deadLetters), '= 0', status(b.deadLetters === 0)],
        ['records failed back to the queue (gave up waiting)', String(b.failedRecords), '', ''],
        ['records received again', String(b.redelivered), '', ''],
        [
          'batches at once (max)',
          String(b.maxConcurrent),
          `≤ ${subscription.maxConcurrency ?? 1}`,
          status(b.maxConcurrent <= (subscription.maxConcurrency ?? 1)),
        ],
        [
          'permit writes: reservations granted / refused',
          `${b.permitWrites - b.permitsRefused} / ${b.permitsRefused}`,
          '',
          '',
        ],
        [
          'refused permit writes, share of sends',
          `${fmt((100 * b.permitsRefused) / b.messages)}%`,
          `≤ ${REFUSED_SHARE_GOAL_PERCENT}% (issue 16)`,
          status(b.permitsRefused <= (REFUSED_SHARE_GOAL_PERCENT / 100) * b.messages),
        ],
        ['permit writes per send', fmt(b.permitWrites / b.messages, 3), '', ''],
      ]),
    );

    // how full the seconds were: sends started per second → number of seconds
    const histogram = new Map<number, number>();
    for (const n of bSeconds.seconds.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
    const perSecondCounts = [...bSeconds.seconds.values()];
    lines.push(
      '',
      `(b) Sends started per calendar second (p50 ${fmt(quantile(perSecondCounts, 0.5), 0)}, p10 ${fmt(quantile(perSecondCounts, 0.1), 0)})`,
      table(
        [
          { header: 'sends in the second', align: 'right' },
          { header: 'seconds', align: 'right' },
        ],
        [...histogram.entries()].sort((x, y) => y[0] - x[0]).map(([n, count]) => [String(n), String(count)]),
      ),
    );
    lines.push(
      '',
      'Sends are timed where the SES call starts, in-process (wall clock); delivered = distinct recipients',
      'in the SES emulator. The limit is the permit counter in DynamoDB Local shared by the concurrent',
      'batches; a permit write reserves a pool of permits for the sends waiting in the process, and a',
      'refused one is a conditional-check failure (billed as a write on AWS). The local cloud runs the',
      'concurrent batches in one process, so they share one pool; on AWS each execution environment has',
      'its own, and the pools race for each second (one refused write per losing pool and second at most',
      'before it asks for exactly what is left).',
    );
    for (const [name, r] of [
      ['(a)', a],
      ['(b)', b],
    ] as const) {
      if (!r.complete) problems.push(`${name} did not finish within ${options.timeoutSeconds} s`);
    }
    return { lines, problems, measured: a.complete && b.complete };
  } finally {
    changeSettings({ EMAIL_SEND_RATE: undefined });
    await cloud.stop();
  }
}
