import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../contracts/events';
import { complaintKey } from '../tables/complaints';
import { outboxKey } from './outbox-keys';
import { type OutboxPorts, relay } from './relay';

const STREAM =
  'arn:aws:dynamodb:eu-west-1:000000000000:table/local-Complaints/stream/2026-11-28T00:00:00.000';

function outboxRecord(seq: number, id: string): DynamoDBRecord {
  return {
    eventName: 'INSERT',
    eventSourceARN: STREAM,
    dynamodb: {
      SequenceNumber: String(seq).padStart(10, '0'),
      NewImage: {
        pk: { S: outboxKey(id).pk },
        sk: { S: outboxKey(id).sk },
        kind: { S: 'outbox' },
        event: { M: { id: { S: id }, type: { S: 'complaint.received' } } },
      },
    },
  };
}

function otherRecord(seq: number): DynamoDBRecord {
  return {
    eventName: 'MODIFY',
    eventSourceARN: STREAM,
    dynamodb: {
      SequenceNumber: String(seq).padStart(10, '0'),
      NewImage: { pk: { S: complaintKey('1').pk }, kind: { S: 'complaint' } },
    },
  };
}

/** A fake bus that fails entries by a script, and an in-memory outbox marker store. */
function fakePorts(
  failures: (attempt: number, id: string) => boolean,
): OutboxPorts & { published: string[] } {
  const published: string[] = [];
  const marked = new Set<string>();
  let attempt = 0;
  return {
    published,
    async publish(events: readonly EventEnvelope[]) {
      attempt++;
      return events.map((e) => {
        if (failures(attempt, e.id)) return false;
        published.push(e.id);
        return true;
      });
    },
    async alreadyPublished(_table, ids) {
      return new Set(ids.filter((id) => marked.has(id)));
    },
    async markPublished(table, ids) {
      expect(table).toBe('local-Complaints');
      for (const id of ids) marked.add(id);
    },
  };
}

/** Replays the batch from the reported sequence number, as Lambda's event source mapping does. */
async function runToCompletion(records: DynamoDBRecord[], ports: OutboxPorts, maxRounds = 50) {
  let remaining = records;
  for (let round = 0; round < maxRounds && remaining.length > 0; round++) {
    const retryFrom = await relay(remaining, ports);
    if (!retryFrom) return;
    remaining = remaining.slice(remaining.findIndex((r) => r.dynamodb?.SequenceNumber === retryFrom));
  }
  if (remaining.length > 0) throw new Error('did not finish');
}

describe('outbox relay', () => {
  it('publishes only outbox inserts, in stream order', async () => {
    const ports = fakePorts(() => false);
    await runToCompletion(
      [otherRecord(1), outboxRecord(2, 'a'), otherRecord(3), outboxRecord(4, 'b')],
      ports,
    );
    expect(ports.published).toEqual(['a', 'b']);
  });

  it('reports the first unpublished record so the stream resumes there', async () => {
    const ports = fakePorts((attempt, id) => attempt === 1 && id === 'b');
    const records = [outboxRecord(1, 'a'), outboxRecord(2, 'b'), outboxRecord(3, 'c')];
    expect(await relay(records, ports)).toBe('0000000002');
  });

  it('publishes every event exactly once whatever entries the bus rejects on the way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 35 }),
        fc.func(fc.boolean()),
        fc.integer({ min: 1, max: 6 }),
        async (count, rejects, healthyAfter) => {
          const ids = Array.from({ length: count }, (_, i) => `e${i}`);
          const records = ids.flatMap((id, i) =>
            i % 4 === 0 ? [otherRecord(i * 2), outboxRecord(i * 2 + 1, id)] : [outboxRecord(i * 2 + 1, id)],
          );
          // the bus misbehaves for a few attempts, then recovers
          const ports = fakePorts((attempt, id) => attempt <= healthyAfter && rejects(attempt, id));
          // redeliveries: the same stream batch may also arrive twice
          await runToCompletion(records, ports);
          await runToCompletion(records, ports);
          expect([...ports.published].sort()).toEqual([...ids].sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});
