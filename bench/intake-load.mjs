/**
 * Load generator for the intake bench, run as a child process so autocannon never shares the event
 * loop of the local cloud it measures. Also exports the request generator the parent uses for its
 * sequential requests, so both phases send the same kind of traffic.
 *
 * Child usage: `node bench/intake-load.mjs` with BENCH_LOAD_CONFIG =
 * {"url", "seconds", "connections", "run", "firstIndex"}; prints one JSON line on stdout.
 */
import { pathToFileURL } from 'node:url';

// Two English and two Chinese texts (Chinese characters are 3 bytes in UTF-8, as in production).
const DESCRIPTIONS = [
  'My claim for the hospital stay in March was rejected without any reason given. I sent every receipt ' +
    'twice and the hotline keeps telling me that someone will call back, but nobody ever did. ' +
    'I would like a written explanation and a review of the decision.',
  'The premium was deducted twice from my bank account this month. The agent promised a refund within ' +
    'five working days, it has now been three weeks and I still have not received anything.',
  '我在三月份提交的住院理赔申请被拒绝了，没有给出任何理由。我已经两次提交了全部发票，客服热线一直说会有人回电，但是从来没有人联系过我。请给我书面解释并重新审核。',
  '本月保费从我的银行账户被重复扣款两次。业务员承诺五个工作日内退款，现在已经过去三周了，我仍然没有收到任何退款。',
];

/**
 * The n-th web complaint of a bench run: every customer (phone and policy) files twice, so every
 * second request finds an earlier complaint in the 24 h history and runs the similarity check; the
 * description and the Idempotency-Key (sent by the real web form) are unique per request.
 */
export function intakeRequest(run, n) {
  const customer = Math.floor(n / 2);
  const body = {
    customer: { name: `Bench Customer ${customer}`, phone: `139${String(customer % 1e8).padStart(8, '0')}` },
    policyNumber: `P${2_000_000_000 + (customer % 1e9)}`,
    description: `${DESCRIPTIONS[n % DESCRIPTIONS.length]} [bench ${run} #${n}]`,
    consent: { dataProcessing: true },
  };
  return {
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${run}-${n}` },
    body: JSON.stringify(body),
  };
}

function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

async function main() {
  const config = JSON.parse(process.env.BENCH_LOAD_CONFIG ?? '{}');
  const { default: autocannon } = await import('autocannon');
  let next = config.firstIndex;
  let replayed = 0;
  const latencies2xx = [];
  const instance = autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        path: '/v1/complaints',
        setupRequest: (request) => {
          const { headers, body } = intakeRequest(config.run, next++);
          return { ...request, method: 'POST', path: '/v1/complaints', headers, body };
        },
        onResponse: (_status, _body, _context, headers) => {
          if (headers?.['idempotent-replayed'] === 'true') replayed++;
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies2xx.push(responseTime);
  });
  const result = await instance;
  latencies2xx.sort((a, b) => a - b);
  const statusCodes = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count;
  const summary = {
    seconds: result.duration,
    connections: result.connections,
    sent: result.requests.sent,
    responses: result.requests.total,
    requestsPerSecond: { mean: result.requests.average, stddev: result.requests.stddev },
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    replayed,
    statusCodes,
    latencyMs: {
      count: latencies2xx.length,
      mean: latencies2xx.reduce((a, b) => a + b, 0) / Math.max(1, latencies2xx.length),
      p50: percentile(latencies2xx, 0.5),
      p90: percentile(latencies2xx, 0.9),
      p99: percentile(latencies2xx, 0.99),
      max: latencies2xx.at(-1) ?? Number.NaN,
    },
    autocannonLatencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    requestsIssued: next - config.firstIndex,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`intake load generator failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
