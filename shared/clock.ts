/**
 * The Clock port. Handlers read time only through `clock` so the local cloud (and tests) can move
 * time for every handler at once; on AWS it is the system clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

let current: Clock = systemClock;

/** The clock every handler reads. */
export const clock: Clock = { now: () => current.now() };

/** Replaces the process-wide clock; only the local cloud and tests call this. */
export function useClock(replacement: Clock): void {
  current = replacement;
}

/** A clock that only moves when told to: the local cloud's `/dev/clock`. */
export class ControllableClock implements Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  now(): Date {
    return new Date(this.#frozenAt ?? Date.now() + this.#offsetMs);
  }

  /** Jumps to an instant and keeps running from there. */
  set(instant: Date): void {
    this.#offsetMs = instant.getTime() - Date.now();
    if (this.#frozenAt !== undefined) this.#frozenAt = instant.getTime();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }

  /** Stops time: `now()` returns the same instant until set or advanced. */
  freeze(instant: Date = this.now()): void {
    this.#frozenAt = instant.getTime();
  }

  /** Lets time run again from `instant`. */
  unfreeze(instant: Date = this.now()): void {
    this.#frozenAt = undefined;
    this.set(instant);
  }
}
