/**
 * The care frequency cap: at most `limit` care messages per customer in any rolling `window`
 * (default 2 in 7 days). Complaint messages are never capped: a regulator-timed letter must go.
 *
 * The cap is kept as `limit` slots per customer. Sending takes a slot that is free (never used,
 * or last used before the window began) with one conditional write, so concurrent deliveries can
 * never take the same slot and never exceed the limit. A message whose send fails gives its slot
 * back. This module is the pure model; the DynamoDB adapter applies the same condition.
 */

export interface FrequencyCap {
  readonly limit: number;
  readonly windowMs: number;
}

export const DEFAULT_FREQUENCY_CAP = '2/P7D';

const CAP = /^(\d+)\/P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** `<limit>/<ISO-8601 duration>`, e.g. `2/P7D`, `1/P1W`, `3/PT12H`. */
export function parseFrequencyCap(spec: string): FrequencyCap {
  const match = CAP.exec(spec.trim());
  if (!match) throw new Error(`Frequency cap "${spec}" is not <limit>/<ISO-8601 duration>, e.g. 2/P7D`);
  const [, limit, weeks, days, hours, minutes] = match.map((part) => Number(part ?? 0));
  const windowMs = (((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60_000;
  if (limit! < 1 || windowMs <= 0) throw new Error(`Frequency cap "${spec}" needs a limit >= 1 and a window`);
  return { limit: limit!, windowMs };
}

/** Instants before this are outside the rolling window that ends at `now`. */
export function windowStart(now: Date, cap: FrequencyCap): Date {
  return new Date(now.getTime() - cap.windowMs);
}

export interface CapSlot {
  /** When the slot was last taken; absent when never taken or given back. */
  readonly usedAt?: string;
  /** The message that took it. */
  readonly messageKey?: string;
}

/**
 * Whether `messageKey` may take the slot at `now`: it is free, its use fell out of the window, or
 * the same message already holds it (a retried delivery takes its own slot again, not a second one).
 */
export function slotIsFree(slot: CapSlot, messageKey: string, now: Date, cap: FrequencyCap): boolean {
  return (
    slot.usedAt === undefined ||
    slot.usedAt < windowStart(now, cap).toISOString() ||
    slot.messageKey === messageKey
  );
}

/** The in-memory model: takes the first free slot, or returns undefined when capped. */
export function takeSlot(
  slots: CapSlot[],
  messageKey: string,
  now: Date,
  cap: FrequencyCap,
): number | undefined {
  for (let i = 0; i < cap.limit; i++) {
    if (slotIsFree(slots[i] ?? {}, messageKey, now, cap)) {
      slots[i] = { usedAt: now.toISOString(), messageKey };
      return i;
    }
  }
  return undefined;
}
