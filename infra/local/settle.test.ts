import { describe, expect, it } from 'vitest';
import { CloudNotSettled, type SettleWatched, settle } from './settle';

const quiet: SettleWatched = { label: 'queue triage → triage', inProgress: 0, idle: true };

describe('settle', () => {
  it('returns once everything has been quiet for a second', async () => {
    let polls = 0;
    await settle(() => {
      polls += 1;
      return polls < 3 ? [{ ...quiet, inProgress: 1 }] : [quiet];
    }, 10_000);
    expect(polls).toBeGreaterThanOrEqual(3 + 4);
  });

  it('throws past its deadline naming what is still busy', async () => {
    const busy = [
      quiet,
      { label: 'queue notify-events → notify-events', inProgress: 2, idle: false },
      { label: 'stream Complaints → outbox-relay', inProgress: 0, idle: false },
    ];
    const error = await settle(() => busy, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudNotSettled);
    const message = (error as Error).message;
    expect(message).toContain('queue notify-events → notify-events (2 in progress, more to receive)');
    expect(message).toContain('stream Complaints → outbox-relay (0 in progress, more to receive)');
    expect(message).not.toContain('queue triage');
    expect((error as CloudNotSettled).left).toHaveLength(2);
  });

  it('lets a cloud that turned quiet at its deadline finish its quiet second', async () => {
    const started = Date.now();
    let polls = 0;
    await settle(() => {
      polls += 1;
      return Date.now() - started < 250 ? [{ ...quiet, idle: false }] : [quiet];
    }, 300);
    expect(polls).toBeGreaterThan(5);
  });
});
