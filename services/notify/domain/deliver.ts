/**
 * Exactly-once delivery. Before sending, the message key is claimed with a conditional write;
 * after sending, the claim is completed. A redelivered event or a concurrent delivery finds the
 * claim and sends nothing. One window remains: the process dies after claiming and before it has
 * recorded the outcome, and nobody knows whether the provider took the message.
 * - The window is kept short: everything that may wait (the send-rate permit, the suppression
 *   list) comes before the claim, so the claim is followed at once by the provider call.
 * - A delivery that finds another's claim sends nothing (a concurrent or redelivered duplicate).
 *   Every claim is listed under the time its lease ends (longer than any sending invocation can
 *   run); the deferred sweep finds the claims whose lease is over, whose owner is certainly gone,
 *   and asks the provider: email carries its notification id in a header, and SES reports every
 *   message it accepts (`ProviderReceipts`). Accepted: the claim is completed as sent. Not
 *   accepted: the delivery takes the claim over and sends. A channel without receipts (SMS)
 *   reports the message as `notification.failed` with reason `outcome-unknown` for a person to
 *   check, since sending again could send twice.
 * - Once a message is claimed, the log owns it, not the queue: every claim ends as an outcome, or
 *   goes back to the log as deferred and due now after a failure worth retrying (`release`), or
 *   lapses and the sweep resolves it. A queue copy is only the fast path of a retry. It has to be:
 *   SQS delivers a message again while its first delivery is still sending (at-least-once, or a
 *   visibility timeout shorter than the SDK's retries), and that copy finds the claim held. Before,
 *   the copy was acknowledged as a duplicate, the owner's send then failed, deleted its claim and
 *   counted on a queue retry of a message no longer in the queue: lost (fault suite, SMS refused
 *   429/5xx). Now a copy that finds the claim held comes back a few seconds later to see how it
 *   ended (`ClaimInFlight`), and on its last receives leaves it to the log; the deferred sweep
 *   (every minute) sends whatever was left deferred and due.
 *
 * Care campaign messages pass two more gates: `vet` (consent, deceased, blocked, open complaint,
 * checked against the profile as it is now, also when a held message goes in the morning) and the
 * frequency cap, whose slot is taken just before sending and given back if the send fails.
 */
import type { Clock } from '#shared/clock';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { isThrottled, RetryLater } from '#shared/retry-later';
import { sendableAt } from './channel';
import type { NotificationRequest } from './notification';
import { SendRateBusy } from './send-rate';

/**
 * How long a claim is its owner's, by default: longer than any sending function may run (the
 * deferred sweep's 60 s timeout; notify-events and notify-care have 20 s). `NOTIFY_CLAIM_LEASE_SECONDS`.
 */
export const DEFAULT_CLAIM_LEASE_SECONDS = 90;

/** What a sender needs of a rendered message (render.ts renders more). */
export interface RenderedMessage {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly sms?: string;
  /** Data fields the template needed and did not get. */
  readonly missing?: readonly string[];
}

export type ClaimResult =
  | { readonly state: 'claimed' }
  | { readonly state: 'sent' | 'failed' | 'suppressed' | 'deferred' }
  /** `claimedAtMs`: when its owner claimed it, in real time (a lease is physical, like a timeout). */
  | { readonly state: 'sending'; readonly claimedAtMs: number };

export interface MessageLog {
  /**
   * Claims the key for sending now, for a lease of `leaseSeconds` from `realMs` (real time), after
   * which the deferred sweep finds it; or reports who has it.
   */
  claim(request: NotificationRequest, at: Date, realMs: number, leaseSeconds: number): Promise<ClaimResult>;
  /** Takes over a stale claim, if it is still the one claimed at `claimedAtMs`; false if another did first. */
  takeOver(
    request: NotificationRequest,
    claimedAtMs: number,
    realMs: number,
    leaseSeconds: number,
  ): Promise<boolean>;
  /** Records the outcome (and its event, through the outbox) of a claimed message. */
  complete(
    request: NotificationRequest,
    outcome: { state: 'sent' | 'failed' | 'suppressed'; providerId?: string; reason?: string },
    event: EventEnvelope,
  ): Promise<void>;
  /**
   * Gives a claim back after a failure worth retrying: the message stays in the log as deferred,
   * due `due`, so a retry from the queue may claim it again and, if no queue copy is left to retry
   * (a duplicate delivery acknowledged it), the deferred sweep sends it. Never deletes it.
   */
  release(request: NotificationRequest, due: Date): Promise<void>;
  /**
   * Keeps the message for later (quiet hours); the deferred sweep sends it then. `again` moves a
   * message that is already deferred (the sweep found it still inside quiet hours) to `until`.
   */
  defer(request: NotificationRequest, until: Date, again?: boolean): Promise<boolean>;
  isSuppressed(address: string): Promise<boolean>;
}

export interface Sender {
  /** Returns the provider's message id; throws `PermanentSendFailure` when retrying cannot help. */
  send(request: NotificationRequest, message: RenderedMessage): Promise<string>;
}

export class PermanentSendFailure extends Error {}

/**
 * What the provider says it accepted (SES reports every email it accepts): its message id, or
 * undefined when it never had the message.
 */
export interface ProviderReceipts {
  accepted(request: NotificationRequest): Promise<string | undefined>;
}

/** A permit of the provider's send rate, good for the second it was counted against. */
export interface SendPermit {
  /** Whether that second is still now: a provider call must start within it. */
  current(): boolean;
}

/** The provider's send rate (send-rate.ts), shared by every invocation that sends. */
export interface SendRateGate {
  /** Waits for a permit for this message's channel and urgency; throws `SendRateBusy` when none comes in time. */
  permit(request: NotificationRequest): Promise<SendPermit>;
}

/**
 * A message whose template data is incomplete (an acknowledgement without its deadline): an error,
 * never a message sent with a blank. It names the fields only, never their values.
 */
export class IncompleteTemplateData extends Error {
  constructor(
    readonly type: string,
    readonly missing: readonly string[],
  ) {
    super(`template data incomplete for ${type}: missing ${missing.join(', ')}`);
    this.name = 'IncompleteTemplateData';
  }
}

/** The care frequency cap (frequency-cap.ts): one slot per care message sent. */
export interface FrequencyCapSlots {
  /** Takes a free slot of the customer's for this message; false when the cap is reached. */
  take(customerId: string, messageKey: string, at: Date): Promise<boolean>;
  /** Frees the slot this message took (its send failed, so it never reached the customer). */
  giveBack(customerId: string, messageKey: string): Promise<void>;
}

export interface DeliveryDeps {
  readonly log: MessageLog;
  readonly senders: Record<'email' | 'sms', Sender>;
  /** The send rate every provider call keeps to; none means unlimited (unit tests). */
  readonly sendRate?: SendRateGate;
  /** The channels whose provider reports what it accepted (email). */
  readonly receipts?: Partial<Record<'email' | 'sms', ProviderReceipts>>;
  /** Real time in epoch ms, for claim leases (the business clock may be set ahead or stand still). */
  readonly realNow?: () => number;
  /** Default `DEFAULT_CLAIM_LEASE_SECONDS`. */
  readonly claimLeaseSeconds?: number;
  readonly render: (request: NotificationRequest) => RenderedMessage;
  readonly clock: Clock;
  /**
   * Rules checked fresh before a message goes (care: consent, deceased, blocked, open complaint);
   * returns the reason it must not, recorded as `notification.suppressed`.
   */
  readonly vet?: (request: NotificationRequest) => Promise<string | undefined>;
  /** Caps care messages per customer; complaint messages never ask it. */
  readonly cap?: FrequencyCapSlots;
  /**
   * The key a freshly composed message is logged and reported under (`messageKeyOf` in the
   * adapters: the recipient named by the keyed hash of their address); none keeps the composed key.
   */
  readonly logKey?: (request: NotificationRequest) => Promise<string>;
}

/** `in-flight`: another delivery holds the claim right now, and how it ends is not known yet. */
export type DeliveryOutcome = 'sent' | 'failed' | 'suppressed' | 'deferred' | 'duplicate' | 'in-flight';

/** Seconds before a queued message whose send failed, or whose claim another held, tries again. */
export const SEND_RETRY_SECONDS = 2;

/**
 * A send that failed in a way a retry may fix (the provider's throttling or 5xx, a busy rate after
 * the claim): the message is back in the log as deferred and due now, and its queue copy, if it
 * still has one, comes back in a few seconds to send it.
 */
export class HeldForRetry extends RetryLater {
  override readonly name = 'HeldForRetry';

  constructor(cause: unknown) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    super(
      `send failed, held for a retry: ${error.name}: ${error.message}`,
      error instanceof RetryLater ? error.seconds : SEND_RETRY_SECONDS,
    );
    this.cause = cause;
  }
}

/**
 * Another delivery holds the message's claim: this queue copy comes back in a few seconds to find
 * out how it ended (sent: a duplicate; given back: it sends), rather than be acknowledged as a
 * duplicate of a send that may yet fail.
 */
export class ClaimInFlight extends RetryLater {
  override readonly name = 'ClaimInFlight';

  constructor() {
    super('another delivery holds the claim', SEND_RETRY_SECONDS);
  }
}

function outcomeEvent(
  type: 'notification.sent' | 'notification.failed' | 'notification.suppressed',
  request: NotificationRequest,
  extra: Record<string, unknown>,
): EventEnvelope {
  return buildEvent(
    type,
    {
      key: request.key,
      complaintId: request.complaintId,
      type: request.type,
      purpose: request.purpose,
      channel: request.recipient.channel,
      recipientKind: request.recipient.kind,
      ...(request.customerId && { customerId: request.customerId }),
      // the care service counts each run's outcomes by these
      ...(request.care && {
        campaignId: request.care.campaignId,
        runId: request.care.runId,
        dedupeKey: request.care.dedupeKey,
      }),
      ...extra,
    },
    request.correlationId,
  );
}

/**
 * How many receives a queued message may spend on a busy send rate, a failed send or another's
 * claim (each time it comes back after a few seconds); on a later receive it is left to the log and
 * the deferred sweep instead, so a long burst or a throttling provider never pushes a message
 * towards the DLQ (notify's queues allow 5 receives).
 */
export const QUEUE_RECEIVES_FOR_BUSY_RATE = 3;

/**
 * Another delivery's claim: a duplicate while its lease lasts; after it (the sweep comes for it),
 * resolved by what the provider says it accepted, or, without receipts, reported as outcome-unknown.
 */
async function staleClaim(
  request: NotificationRequest,
  claimedAtMs: number,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome | 'taken-over'> {
  const realNow = (deps.realNow ?? Date.now)();
  const lease = deps.claimLeaseSeconds ?? DEFAULT_CLAIM_LEASE_SECONDS;
  // its owner may still be at work, and its send may yet fail
  if (realNow - claimedAtMs <= lease * 1000) return 'in-flight';
  const receipts = deps.receipts?.[request.recipient.channel];
  if (!receipts) {
    await deps.log.complete(
      request,
      { state: 'failed', reason: 'outcome-unknown' },
      outcomeEvent('notification.failed', request, { reason: 'outcome-unknown' }),
    );
    return 'failed';
  }
  const providerId = await receipts.accepted(request);
  if (providerId) {
    await deps.log.complete(
      request,
      { state: 'sent', providerId },
      outcomeEvent('notification.sent', request, { providerId }),
    );
    return 'sent';
  }
  // the provider never had it: send it now, unless another delivery took the claim over first
  if (!(await deps.log.takeOver(request, claimedAtMs, realNow, lease))) return 'duplicate';
  return 'taken-over';
}

/** `deliver` for a message from a queue, delivered for the `receiveCount`th time. */
export async function deliverFromQueue(
  composed: NotificationRequest,
  deps: DeliveryDeps,
  receiveCount: number,
): Promise<DeliveryOutcome> {
  // a queued message is freshly composed; a deferred one (deliver) keeps the key it was logged under
  const request = deps.logKey ? { ...composed, key: await deps.logKey(composed) } : composed;
  const lastTries = receiveCount >= QUEUE_RECEIVES_FOR_BUSY_RATE;
  let outcome: DeliveryOutcome;
  try {
    outcome = await deliver(request, deps);
  } catch (error) {
    if (!lastTries) throw error;
    // the send failed and the message is deferred, due now: the sweep sends it
    if (error instanceof HeldForRetry) return 'deferred';
    if (!(error instanceof SendRateBusy) && !isThrottled(error)) throw error;
    // a busy rate or a throttled table, and nothing claimed (a throttled claim was never written):
    // the sweep sends it when there is room (quiet hours still apply). If the throttle came after
    // the claim, the deferral finds the message's item and this copy is a duplicate: the message
    // was sent, or its claim lapses to the sweep.
    return (await deps.log.defer(request, deps.clock.now())) ? 'deferred' : 'duplicate';
  }
  if (outcome !== 'in-flight') return outcome;
  // its owner sends it, or gives it back to the log for a retry, or dies and the sweep resolves it
  if (lastTries) return 'duplicate';
  throw new ClaimInFlight();
}

/**
 * Delivers one notification; `fromDeferred` when the quiet-hours sweep hands it back. Quiet hours
 * are checked on every send, the sweep's included: a deferred message is due when the sweep finds
 * it, which may be long after its due time (sweeps missed or stopped early by a busy send rate, a
 * message deferred again "due now" after a failed send), and by then it may be night again.
 */
export async function deliver(
  request: NotificationRequest,
  deps: DeliveryDeps,
  fromDeferred = false,
): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  // Composed before anything is claimed or held: incomplete data throws here, so the queue retries
  // the event and then dead-letters it, and no claim or deferred copy is left behind.
  const message = deps.render(request);
  if (message.missing?.length) throw new IncompleteTemplateData(request.type, message.missing);
  // a message that may not go at all is recorded now, not held for the morning
  const refusal = await deps.vet?.(request);
  const at = sendableAt(now, request.recipient.timeZone, request.urgent, request.recipient.quietHours);
  if (!refusal && at > now) {
    return (await deps.log.defer(request, at, fromDeferred)) ? 'deferred' : 'duplicate';
  }
  const suppressed = !refusal && (await deps.log.isSuppressed(request.recipient.address));
  // the wait for a permit comes before the claim, so nothing that may wait sits between the claim
  // and the provider call (a crash there loses the message); a busy rate leaves nothing claimed
  let permit = refusal || suppressed ? undefined : await deps.sendRate?.permit(request);

  const claim = await deps.log.claim(
    request,
    now,
    (deps.realNow ?? Date.now)(),
    deps.claimLeaseSeconds ?? DEFAULT_CLAIM_LEASE_SECONDS,
  );
  if (claim.state === 'sending') {
    const stale = await staleClaim(request, claim.claimedAtMs, deps);
    if (stale !== 'taken-over') return stale;
  } else if (claim.state !== 'claimed') return 'duplicate';

  const suppress = async (reason: string): Promise<DeliveryOutcome> => {
    await deps.log.complete(
      request,
      { state: 'suppressed', reason },
      outcomeEvent('notification.suppressed', request, { reason }),
    );
    return 'suppressed';
  };
  if (refusal) return suppress(refusal);
  if (suppressed) return suppress('suppression-list');
  const capped = request.care && request.customerId && deps.cap ? request.customerId : undefined;
  if (capped && !(await deps.cap!.take(capped, request.key, now))) return suppress('frequency-cap');
  let providerId: string;
  try {
    // the claim's write (and the cap's) may have taken the call past its permit's second
    if (permit && !permit.current()) permit = await deps.sendRate!.permit(request);
    providerId = await deps.senders[request.recipient.channel].send(request, message);
  } catch (error) {
    // the provider did not take it: the customer got nothing, so it does not count against the cap
    if (capped) await deps.cap!.giveBack(capped, request.key);
    if (!(error instanceof PermanentSendFailure)) {
      // throttling, a busy rate and the like: the provider did not take it, so a retry may send it;
      // it stays in the log, due now, since a duplicate delivery may have taken its queue copy
      await deps.log.release(request, now);
      throw new HeldForRetry(error);
    }
    await deps.log.complete(
      request,
      { state: 'failed', reason: error.message },
      outcomeEvent('notification.failed', request, { reason: error.message }),
    );
    return 'failed';
  }
  // from here on the message is out: if recording fails, the claim stays and nothing resends it
  await deps.log.complete(
    request,
    { state: 'sent', providerId },
    outcomeEvent('notification.sent', request, { providerId }),
  );
  return 'sent';
}
