/**
 * How often one client may look up a status: at most `limit` lookups per window (default 30 in
 * 10 minutes), counted per client address in fixed windows. Four digits of a phone are 10,000
 * guesses; at this rate one address needs weeks for them, while a customer checking their own
 * complaint never meets the limit. The page by contact and the page by link count alike, and the
 * answer is the same for every reference, known or not.
 */
import { RateLimited } from '#shared/domain/errors';
import { parseFrequencyCap } from '../../notify/domain/frequency-cap';

export const DEFAULT_STATUS_LOOKUP_LIMIT = '30/PT10M';

export interface StatusLookupLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** `<limit>/<ISO-8601 duration>`, the syntax of the care frequency cap. */
export const parseStatusLookupLimit = (spec: string): StatusLookupLimit => parseFrequencyCap(spec);

export interface LookupCounter {
  /** Counts one more lookup of `client` in the window starting at `windowStart`; the new count. */
  countLookup(client: string, windowStart: number, expiresAtSeconds: number): Promise<number>;
}

export async function admitStatusLookup(
  client: string,
  now: Date,
  { limit, windowMs }: StatusLookupLimit,
  counter: LookupCounter,
): Promise<void> {
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  // kept a minute past its window, then DynamoDB's TTL removes it
  const count = await counter.countLookup(client, windowStart, Math.ceil(windowEnd / 1000) + 60);
  if (count > limit) {
    throw new RateLimited(
      'Too many status lookups from this address. Please try again later. 查询过于频繁，请稍后再试。',
      Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
    );
  }
}
