/** The notification log in memory, for deliver()'s unit tests: states, deferrals and outcome events. */
import type { EventEnvelope } from '#shared/contracts/events/index';
import type { ClaimResult, MessageLog } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';

export class MemoryLog implements MessageLog {
  readonly states = new Map<string, string>();
  readonly claimedAtMs = new Map<string, number>();
  readonly until = new Map<string, Date>();
  readonly events: EventEnvelope[] = [];
  readonly deferred: string[] = [];
  /** Keys given back after a failed send (held as deferred, due now). */
  readonly released: string[] = [];

  async claim(
    request: NotificationRequest,
    _at: Date,
    realMs: number,
    _leaseSeconds: number,
  ): Promise<ClaimResult> {
    const state = this.states.get(request.key);
    if (state === 'sending') return { state, claimedAtMs: this.claimedAtMs.get(request.key)! };
    if (state && state !== 'deferred') return { state: state as 'sent' };
    this.states.set(request.key, 'sending');
    this.claimedAtMs.set(request.key, realMs);
    return { state: 'claimed' };
  }
  async takeOver(request: NotificationRequest, claimedAtMs: number, realMs: number) {
    if (this.states.get(request.key) !== 'sending' || this.claimedAtMs.get(request.key) !== claimedAtMs)
      return false;
    this.claimedAtMs.set(request.key, realMs);
    return true;
  }
  async complete(request: NotificationRequest, outcome: { state: string }, event: EventEnvelope) {
    this.states.set(request.key, outcome.state);
    this.events.push(event);
  }
  async release(request: NotificationRequest, due: Date) {
    if (this.states.get(request.key) !== 'sending') return;
    this.states.set(request.key, 'deferred');
    this.until.set(request.key, due);
    this.released.push(request.key);
  }
  async defer(request: NotificationRequest, until: Date, again?: boolean) {
    const state = this.states.get(request.key);
    if (again ? state !== 'deferred' : state !== undefined) return false;
    this.states.set(request.key, 'deferred');
    this.until.set(request.key, until);
    this.deferred.push(request.key);
    return true;
  }
  async isSuppressed() {
    return false;
  }
}
