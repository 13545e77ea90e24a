import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '#shared/contracts/core-events';
import { buildEvent, type CatalogEvent } from '#shared/contracts/events/index';
import { journeyNotification, quotedFacts } from './journey';

const coreEvent = {
  eventId: 'CORE-7',
  type: 'policy.changed',
  occurredAt: '2026-12-07T01:00:00Z',
  policyNumber: 'P7',
  data: { changes: [{ field: 'beneficiary', from: 'Tom', to: 'Ann' }] },
} as CoreEvent;

const notice = (data: Record<string, unknown>) =>
  buildEvent(
    'journey.notice-requested',
    {
      notice: 'policy-changed',
      customerId: 'C7',
      policyNumber: 'P7',
      dedupeKey: 'policy-changed#CORE-7',
      ...data,
    },
    'corr-7',
  ) as CatalogEvent<'journey.notice-requested'>;

describe('a claims notice quotes its core event', () => {
  it('read from the journey by the id the event carries, so the event itself carries no facts', async () => {
    const read: string[] = [];
    const facts = await quotedFacts(notice({ coreEventId: 'CORE-7' }).data, async (id) => {
      read.push(id);
      return id === 'CORE-7' ? coreEvent : undefined;
    });
    expect(read).toEqual(['CORE-7']);
    expect(facts).toEqual({ changes: coreEvent.data.changes });
    const request = journeyNotification(notice({ coreEventId: 'CORE-7' }), facts, undefined, 'https://x/');
    expect(request.data).toMatchObject({ changes: 'beneficiary: Tom → Ann', policyChanged: true });
  });

  it('quotes nothing once the erasure stripped the core event, or when it is not recorded', async () => {
    const stripped = { ...coreEvent, data: {} } as CoreEvent;
    expect(await quotedFacts(notice({ coreEventId: 'CORE-7' }).data, async () => stripped)).toEqual({
      changes: undefined,
    });
    expect(await quotedFacts(notice({ coreEventId: 'CORE-8' }).data, async () => undefined)).toEqual({});
  });

  it('takes the facts an event published before the change carries, without reading', async () => {
    const facts = { changes: [{ field: 'phone', to: '139' }] };
    const read = async (): Promise<CoreEvent | undefined> => {
      throw new Error('not read');
    };
    expect(await quotedFacts(notice({ facts }).data, read)).toEqual(facts);
  });
});
