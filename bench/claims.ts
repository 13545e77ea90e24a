/**
 * The claims ingest bench (`npm run bench -- claims`, in a process of its own): 10,000 core events
 * through the batch route's handler (`POST /v1/integrations/core/events`, NDJSON, 500 a request,
 * signed) against DynamoDB Local in memory with the real tables. Prints events per second and the
 * write units per event: what DynamoDB Local reports for the route's writes, and what AWS bills by
 * its rules for everything an event writes to be published: its item (1 per started KB), its
 * keys-only journey index entry, and the outbox relay's `publishedAt` marker on the same item
 * (which leaves the keys-only entry alone). Goal (issue 18): at most 3 write units per event.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { dynamo } from '#shared/aws/clients';
import { useClock } from '#shared/clock';
import { CORE_EVENTS_BATCH_MAX, type CoreEvent } from '#shared/contracts/core-events';
import { LOCAL_CORE_EVENTS_SECRET, signHotlineBody } from '#shared/http/hotline-signature';
import { journeyEventItem } from '../services/claims/adapters/dynamo-journey-log';
import { handler } from '../services/claims/handlers/core-events';
import { intFromEnv, isEntry, progress, runBenchChild } from './console';
import { itemSize, writeUnits } from './dynamo-accounting';
import { addCallMiddleware, startBenchDynamo, useBenchTables } from './dynamo-counting';
import { type Column, heading, table } from './format';

export const CLAIMS_RESULT_MARKER = 'CLAIMS_BENCH_RESULT ';
/** Issue 18: at most 3 write units per ingested event. */
export const CLAIMS_GOAL_WCU = 3;

const NOW = new Date('2026-12-07T02:00:00.000Z');
const TYPES: [CoreEvent['type'], Record<string, unknown>][] = [
  ['claim.registered', { documents: ['ID card', 'hospital invoice', 'discharge summary'] }],
  ['claim.documents-requested', { documents: ['discharge summary'] }],
  ['claim.documents-received', { documents: ['discharge summary'] }],
  ['claim.assessed', {}],
  ['claim.approved', { amount: 12800.5 }],
  ['claim.paid', { amount: 12800.5, paidAt: NOW.toISOString() }],
  ['policy.premium-paid', { amount: 3600 }],
  ['policy.changed', { changes: [{ field: 'beneficiary', from: 'Tom', to: 'Ann' }] }],
];

function coreEvent(n: number): CoreEvent {
  const [type, data] = TYPES[n % TYPES.length]!;
  const policy = Math.floor(n / TYPES.length);
  return {
    eventId: `BENCH-${n}`,
    type,
    occurredAt: new Date(NOW.getTime() - (TYPES.length - (n % TYPES.length)) * 3_600_000).toISOString(),
    policyNumber: `P9${String(policy).padStart(9, '0')}`,
    ...(type.startsWith('claim.') && { claimNumber: `CLM9${String(policy).padStart(9, '0')}` }),
    data,
  };
}

function request(body: string): APIGatewayProxyEventV2 {
  const t = Math.floor(NOW.getTime() / 1000);
  return {
    version: '2.0',
    routeKey: 'POST /v1/integrations/core/events',
    rawPath: '/v1/integrations/core/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-ndjson',
      'x-signature': signHotlineBody(LOCAL_CORE_EVENTS_SECRET, t, body),
    },
    body,
    isBase64Encoded: false,
    requestContext: { requestId: `bench-${t}` } as APIGatewayProxyEventV2['requestContext'],
  };
}

export async function runClaimsBench(options: { events: number }) {
  const problems: string[] = [];
  const bench = await startBenchDynamo();
  try {
    await useBenchTables(bench);
    useClock({ now: () => new Date(NOW) });
    let reported = 0;
    let writeCalls = 0;
    addCallMiddleware(dynamo(), 'benchClaimsCapacity', (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (/^Put(Item)?Command$/.test(context.commandName ?? '')) input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const capacity = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      if (/^Put(Item)?Command$/.test(context.commandName ?? '')) {
        writeCalls++;
        reported += capacity?.CapacityUnits ?? 0;
      }
      return result;
    });

    const events = Array.from({ length: options.events }, (_, n) => coreEvent(n));
    const context = { functionName: 'claims-core-events', awsRequestId: 'bench' } as Context;
    const started = performance.now();
    let accepted = 0;
    for (let i = 0; i < events.length; i += CORE_EVENTS_BATCH_MAX) {
      progress(`claims: ${i}/${events.length} events`);
      const body = events
        .slice(i, i + CORE_EVENTS_BATCH_MAX)
        .map((e) => JSON.stringify(e))
        .join('\n');
      const response = (await handler(request(body), context)) as { statusCode: number; body: string };
      if (response.statusCode !== 202) {
        problems.push(`batch at ${i} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
        break;
      }
      accepted += (JSON.parse(response.body) as { accepted: number }).accepted;
    }
    const seconds = (performance.now() - started) / 1000;
    progress('');
    if (accepted !== events.length) problems.push(`${accepted} of ${events.length} events were accepted`);

    // AWS's rules: the item, its keys-only index entry, and the relay's marker on the item
    let billed = 0;
    for (const event of events) {
      const item = marshall(journeyEventItem(event, 'bench'), { removeUndefinedValues: true }) as Record<
        string,
        AttributeValue
      >;
      const marked = { ...item, publishedAt: { S: NOW.toISOString() } };
      billed += writeUnits(itemSize(item), false) + 1 + writeUnits(itemSize(marked), false);
    }
    const perEvent = billed / events.length;
    const columns: Column[] = [
      { header: 'Measure' },
      { header: 'Value', align: 'right' },
      { header: 'Goal', align: 'right' },
      { header: '' },
    ];
    const lines = [
      heading(`Claims ingest: ${events.length.toLocaleString('en')} core events through the batch route`),
      table(columns, [
        ['events/s (500 a request, DynamoDB Local)', (events.length / seconds).toFixed(0), '—', ''],
        ['writes per event (route)', (writeCalls / events.length).toFixed(2), '—', ''],
        ['WCU per event, reported by DynamoDB Local (route)', (reported / events.length).toFixed(2), '—', ''],
        [
          'WCU per event, AWS rules (item + keys-only index + relay marker)',
          perEvent.toFixed(2),
          `≤ ${CLAIMS_GOAL_WCU}`,
          perEvent <= CLAIMS_GOAL_WCU ? 'PASS' : 'OVER',
        ],
      ]),
    ];
    return { lines, problems, measured: problems.length === 0 };
  } finally {
    await bench.stop();
  }
}

if (isEntry(import.meta.url)) {
  await runBenchChild(CLAIMS_RESULT_MARKER, 'claims', async () =>
    runClaimsBench({ events: Math.max(1, intFromEnv('BENCH_CLAIMS_EVENTS', 10_000)) }),
  );
}
