import { describe, expect, it } from 'vitest';
import { OUTBOX_KIND, outboxInsertFilter } from '#shared/outbox/outbox-keys';
import { matchesPattern } from './event-pattern';

const event = {
  source: 'complaint-care',
  'detail-type': 'complaint.received',
  detail: { channel: 'web', tags: ['a', 'b'] },
};

describe('event patterns', () => {
  it('matches exact values from a list, at any depth', () => {
    expect(
      matchesPattern({ source: ['complaint-care'], 'detail-type': ['complaint.received', 'x'] }, event),
    ).toBe(true);
    expect(matchesPattern({ 'detail-type': ['complaint.closed'] }, event)).toBe(false);
    expect(matchesPattern({ detail: { channel: ['web'] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { channel: ['hotline'] } }, event)).toBe(false);
  });

  it('matches when any element of an array field matches', () => {
    expect(matchesPattern({ detail: { tags: ['b'] } }, event)).toBe(true);
  });

  it('supports prefix, anything-but and exists', () => {
    expect(matchesPattern({ 'detail-type': [{ prefix: 'complaint.' }] }, event)).toBe(true);
    expect(matchesPattern({ 'detail-type': [{ 'anything-but': ['complaint.received'] }] }, event)).toBe(
      false,
    );
    expect(matchesPattern({ detail: { missing: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { channel: [{ exists: false }] } }, event)).toBe(false);
  });

  it('refuses operators it does not implement rather than guessing', () => {
    expect(() => matchesPattern({ detail: { channel: [{ numeric: ['>', 1] }] } }, event)).toThrow(
      /unsupported/,
    );
  });
});

describe('the outbox relay stream filter', () => {
  const record = (eventName: string, kind: string) => ({
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: { pk: { S: 'X' }, sk: { S: 'Y' } },
      NewImage: { pk: { S: 'X' }, sk: { S: 'Y' }, kind: { S: kind } },
    },
  });

  it('passes new outbox items only', () => {
    expect(matchesPattern(outboxInsertFilter, record('INSERT', OUTBOX_KIND))).toBe(true);
    expect(matchesPattern(outboxInsertFilter, record('MODIFY', OUTBOX_KIND))).toBe(false);
    expect(matchesPattern(outboxInsertFilter, record('INSERT', 'complaint'))).toBe(false);
    const removal = { eventName: 'REMOVE', dynamodb: { Keys: { pk: { S: 'X' } } } };
    expect(matchesPattern(outboxInsertFilter, removal)).toBe(false);
  });
});
