/**
 * deliver() with in-memory ports: the care rules, the frequency cap and the customer's quiet hours
 * as deliver applies them (the local-cloud tests check the same against the real tables).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryLog } from '../test/memory-message-log';
import {
  ClaimInFlight,
  type DeliveryDeps,
  deliver,
  deliverFromQueue,
  type FrequencyCapSlots,
  HeldForRetry,
  IncompleteTemplateData,
  type ProviderReceipts,
  QUEUE_RECEIVES_FOR_BUSY_RATE,
  SEND_RETRY_SECONDS,
  type Sender,
  type SendRateGate,
} from './deliver';
import { type CapSlot, parseFrequencyCap, takeSlot } from './frequency-cap';
import type { NotificationRequest } from './notification';
import { SEND_RATE_RETRY_SECONDS, SendRateBusy } from './send-rate';

function memoryCap(spec: string): FrequencyCapSlots & { slots: Map<string, CapSlot[]> } {
  const cap = parseFrequencyCap(spec);
  const slots = new Map<string, CapSlot[]>();
  return {
    slots,
    async take(customerId, key, at) {
      const mine = slots.get(customerId) ?? [];
      slots.set(customerId, mine);
      return takeSlot(mine, key, at, cap) !== undefined;
    },
    async giveBack(customerId, key) {
      const mine = slots.get(customerId) ?? [];
      const i = mine.findIndex((s) => s.messageKey === key);
      if (i >= 0) mine[i] = {};
    },
  };
}

let now: Date;
/** Real time (epoch ms) of the unit tests' claims. */
const realMs = 1_780_000_000_000;
const LEASE = 24;
let log: MemoryLog;
let sent: string[];
let failNext: Error | undefined;
const sender: Sender = {
  async send(request) {
    if (failNext) {
      const error = failNext;
      failNext = undefined;
      throw error;
    }
    sent.push(request.key);
    return `provider-${request.key}`;
  },
};
const deps = (over: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
  log,
  senders: { email: sender, sms: sender },
  render: () => ({ subject: 's', html: 'h', text: 't', sms: 's' }),
  clock: { now: () => now },
  realNow: () => realMs,
  claimLeaseSeconds: LEASE,
  cap: memoryCap('2/P7D'),
  ...over,
});

const care = (key: string, over: Partial<NotificationRequest> = {}): NotificationRequest => ({
  key,
  type: 'care',
  purpose: 'care:birthday',
  recipient: {
    kind: 'customer',
    channel: 'sms',
    address: '13900139000',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
  },
  urgent: false,
  customerId: 'C0001',
  care: {
    campaignId: 'birthday',
    runId: 'run-1',
    dedupeKey: key,
    consent: 'marketing',
    holdWhileComplaintOpen: true,
  },
  correlationId: 'corr',
  data: {},
  ...over,
});
const complaintMessage = (key: string): NotificationRequest => ({
  ...care(key),
  type: 'reopened',
  purpose: 'reopened',
  care: undefined,
  complaintId: 'CMP-1',
});

beforeEach(() => {
  now = new Date('2026-06-01T02:00:00Z'); // 10:00 in Shanghai
  log = new MemoryLog();
  sent = [];
  failNext = undefined;
});

describe('deliver, care rules', () => {
  it('records a refused care message as notification.suppressed with the reason and the run it belongs to', async () => {
    expect(await deliver(care('k1'), deps({ vet: async () => 'no-consent' }))).toBe('suppressed');
    expect(sent).toEqual([]);
    expect(log.events[0]!.type).toBe('notification.suppressed');
    expect(log.events[0]!.data).toMatchObject({
      reason: 'no-consent',
      customerId: 'C0001',
      campaignId: 'birthday',
      runId: 'run-1',
      dedupeKey: 'k1',
    });
  });

  it('suppresses a refused message at night at once rather than holding it for the morning', async () => {
    now = new Date('2026-06-01T15:00:00Z'); // 23:00
    expect(await deliver(care('k1'), deps({ vet: async () => 'blocked' }))).toBe('suppressed');
    expect(log.deferred).toEqual([]);
  });

  it("holds a care message in the customer's own quiet hours", async () => {
    now = new Date('2026-06-01T11:30:00Z'); // 19:30, quiet for this customer only
    const own = care('k1', {
      recipient: { ...care('k1').recipient, quietHours: { start: '19:00', end: '09:00' } },
    });
    expect(await deliver(own, deps())).toBe('deferred');
    expect(await deliver(care('k2'), deps())).toBe('sent');
  });
});

describe('deliver, frequency cap', () => {
  it('sends two care messages to a customer in 7 days and suppresses the third as frequency-cap', async () => {
    const d = deps();
    expect(await deliver(care('k1'), d)).toBe('sent');
    expect(await deliver(care('k2'), d)).toBe('sent');
    expect(await deliver(care('k3'), d)).toBe('suppressed');
    expect(log.events.at(-1)!.data).toMatchObject({ reason: 'frequency-cap', dedupeKey: 'k3' });
    now = new Date('2026-06-08T02:00:01Z');
    expect(await deliver(care('k4'), d)).toBe('sent');
  });

  it('never caps complaint messages, nor counts them', async () => {
    const d = deps();
    for (const key of ['c1', 'c2', 'c3']) expect(await deliver(complaintMessage(key), d)).toBe('sent');
    expect(await deliver(care('k1'), d)).toBe('sent');
    expect(await deliver(care('k2'), d)).toBe('sent');
  });

  it('gives the slot back when the send fails in a retryable way, so the retry and the next message still go', async () => {
    const d = deps();
    failNext = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await expect(deliver(care('k1'), d)).rejects.toThrow(
      /held for a retry: ThrottlingException: Rate exceeded/,
    );
    expect(await deliver(care('k1'), d)).toBe('sent');
    expect(await deliver(care('k2'), d)).toBe('sent');
    expect(sent).toEqual(['k1', 'k2']);
  });
});

describe('deliver from a queue, send rate busy', () => {
  it('gives the message back to its queue for a few seconds, then holds it for the sweep on its last receives', async () => {
    const d = deps();
    failNext = new SendRateBusy('email send rate of 10/s stayed full for 7000 ms');
    const busy = deliverFromQueue(care('k1'), d, 1);
    await expect(busy).rejects.toBeInstanceOf(HeldForRetry);
    await expect(busy).rejects.toMatchObject({ seconds: SEND_RATE_RETRY_SECONDS });
    // the claim was given back for the retry, to the log: deferred, due now
    expect(log.states.get('k1')).toBe('deferred');
    expect(log.until.get('k1')).toEqual(now);

    failNext = new SendRateBusy('still full');
    expect(await deliverFromQueue(care('k1'), d, QUEUE_RECEIVES_FOR_BUSY_RATE)).toBe('deferred');
    expect(log.released).toEqual(['k1', 'k1']);
    expect(sent).toEqual([]);
  });

  it('holds a message whose table stays throttled for the sweep on its last receives, never for the DLQ', async () => {
    const throttled = () => Object.assign(new Error('throughput exceeded'), { name: 'ThrottlingException' });
    const d = deps({ vet: async () => Promise.reject(throttled()) });
    // earlier receives come back from the queue (the middleware backs a throttle off)
    await expect(deliverFromQueue(care('k1'), d, 1)).rejects.toThrow('throughput exceeded');
    expect(log.states.has('k1')).toBe(false);
    expect(await deliverFromQueue(care('k1'), d, QUEUE_RECEIVES_FOR_BUSY_RATE)).toBe('deferred');
    expect(log.deferred).toEqual(['k1']);
    // the sweep sends it once the table has room
    expect(await deliver(care('k1'), deps(), true)).toBe('sent');
    expect(sent).toEqual(['k1']);
  });

  it('lets failures before the claim through as they are', async () => {
    const d = deps({ vet: async () => Promise.reject(new Error('profile read failed')) });
    await expect(deliverFromQueue(care('k1'), d, QUEUE_RECEIVES_FOR_BUSY_RATE)).rejects.toThrow(
      'profile read failed',
    );
    expect(log.states.has('k1')).toBe(false);
  });
});

describe('deliver from a queue, a copy delivered twice', () => {
  const acknowledgement = (key: string): NotificationRequest => ({
    ...complaintMessage(key),
    type: 'acknowledgement',
    purpose: 'acknowledgement',
    urgent: true,
  });

  /**
   * The provider refuses the first send after `copyArrives` has run: SQS delivered the message
   * again while its first delivery was waiting for the provider (a visibility timeout shorter than
   * the SDK's retries), as in the fault suite's SMS 429/5xx test.
   */
  function refusedWhile(copyArrives: () => Promise<void>): Sender {
    let calls = 0;
    return {
      async send(request) {
        if (calls++ === 0) {
          await copyArrives();
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        }
        sent.push(request.key);
        return `provider-${request.key}`;
      },
    };
  }

  it('never acknowledges the copy as a duplicate of a send that then fails, and sends the message once', async () => {
    let copy: Promise<unknown> | undefined;
    const d = deps({
      senders: {
        email: sender,
        sms: refusedWhile(async () => {
          copy = deliverFromQueue(acknowledgement('a1'), d, 2).catch((error: unknown) => error);
          await copy;
        }),
      },
    });
    await expect(deliverFromQueue(acknowledgement('a1'), d, 1)).rejects.toBeInstanceOf(HeldForRetry);
    // the copy found the claim held: it comes back shortly to see how the send ended
    expect(await copy).toBeInstanceOf(ClaimInFlight);
    expect(await copy).toMatchObject({ seconds: SEND_RETRY_SECONDS });
    expect(log.states.get('a1')).toBe('deferred');
    // its return: the send failed and the message waits in the log, so this copy sends it, once
    expect(await deliverFromQueue(acknowledgement('a1'), d, 3)).toBe('sent');
    expect(await deliverFromQueue(acknowledgement('a1'), d, 4)).toBe('duplicate');
    expect(sent).toEqual(['a1']);
    expect(log.events.map((e) => e.type)).toEqual(['notification.sent']);
  });

  it('on its last receives leaves the message to the log, where the deferred sweep sends it once', async () => {
    let copy: Promise<unknown> | undefined;
    const d = deps({
      senders: {
        email: sender,
        sms: refusedWhile(async () => {
          copy = deliverFromQueue(acknowledgement('a1'), d, QUEUE_RECEIVES_FOR_BUSY_RATE);
          await copy;
        }),
      },
    });
    // the owner's copy is on its last receives too: neither throws, so the queue has no copy left
    expect(await deliverFromQueue(acknowledgement('a1'), d, QUEUE_RECEIVES_FOR_BUSY_RATE)).toBe('deferred');
    expect(await copy).toBe('duplicate');
    expect(log.states.get('a1')).toBe('deferred');
    expect(sent).toEqual([]);
    // the sweep hands it back
    expect(await deliver(acknowledgement('a1'), d, true)).toBe('sent');
    expect(await deliver(acknowledgement('a1'), d, true)).toBe('duplicate');
    expect(sent).toEqual(['a1']);
  });
});

describe('deliver, incomplete template data', () => {
  const acknowledgement = (key: string): NotificationRequest => ({
    ...complaintMessage(key),
    type: 'acknowledgement',
    purpose: 'acknowledgement',
    urgent: true,
  });
  const withoutDeadline = () => ({ subject: 's', html: 'h', text: 't', sms: 's', missing: ['nextDeadline'] });

  it('throws rather than send a message with a blank, and leaves no claim, so the retry can send it', async () => {
    await expect(deliver(acknowledgement('a1'), deps({ render: withoutDeadline }))).rejects.toThrow(
      IncompleteTemplateData,
    );
    expect(sent).toEqual([]);
    expect(log.states.has('a1')).toBe(false);
    expect(log.events).toEqual([]);
    // once the data is complete (a retry of the same event) it goes, once
    expect(await deliver(acknowledgement('a1'), deps())).toBe('sent');
    expect(sent).toEqual(['a1']);
  });

  it('never holds an incomplete message for the morning either', async () => {
    now = new Date('2026-06-01T15:00:00Z'); // 23:00, quiet hours for a care message
    await expect(deliver(care('k1'), deps({ render: withoutDeadline }))).rejects.toThrow(
      /missing nextDeadline/,
    );
    expect(log.deferred).toEqual([]);
  });
});

describe('deliver, the window between claim and send', () => {
  const acknowledgement = (key: string): NotificationRequest => ({
    ...complaintMessage(key),
    type: 'acknowledgement',
    purpose: 'acknowledgement',
    urgent: true,
  });
  /** A send rate whose permits are handed out by the test, noting what the log held meanwhile. */
  function gate(seconds: boolean[] = []) {
    const claimedWhileWaiting: boolean[] = [];
    let busy = false;
    const sendRate: SendRateGate & { busy(b: boolean): void } = {
      busy: (b) => {
        busy = b;
      },
      async permit(request) {
        claimedWhileWaiting.push(log.states.has(request.key));
        if (busy) throw new SendRateBusy('email send rate of 14/s stayed full for 7000 ms');
        const current = seconds.shift() ?? true;
        return { current: () => current };
      },
    };
    return { sendRate, claimedWhileWaiting };
  }

  it('waits for its send permit before it claims the message, so a crash while waiting leaves nothing claimed', async () => {
    const { sendRate, claimedWhileWaiting } = gate();
    expect(await deliver(acknowledgement('a1'), deps({ sendRate }))).toBe('sent');
    expect(claimedWhileWaiting).toEqual([false]);
  });

  it('claims nothing when the rate stays full, so the retry and the sweep find the message free', async () => {
    const { sendRate } = gate();
    sendRate.busy(true);
    await expect(deliver(acknowledgement('a1'), deps({ sendRate }))).rejects.toBeInstanceOf(SendRateBusy);
    expect(log.states.has('a1')).toBe(false);
    sendRate.busy(false);
    expect(await deliver(acknowledgement('a1'), deps({ sendRate }))).toBe('sent');
    expect(sent).toEqual(['a1']);
  });

  it("asks again when the claim took it past its permit's second, and gives the claim back if the rate is full by then", async () => {
    const { sendRate, claimedWhileWaiting } = gate([false, true]);
    expect(await deliver(acknowledgement('a1'), deps({ sendRate }))).toBe('sent');
    expect(claimedWhileWaiting).toEqual([false, true]);

    const late = gate([false]);
    const d = deps({
      sendRate: {
        async permit(request) {
          if (log.states.has(request.key)) throw new SendRateBusy('full');
          return late.sendRate.permit(request);
        },
      },
    });
    await expect(deliver(acknowledgement('a2'), d)).rejects.toBeInstanceOf(HeldForRetry);
    expect(log.states.get('a2')).toBe('deferred'); // given back to the log, due now
    expect(sent).toEqual(['a1']);
  });

  it('asks for no permit for a message it suppresses', async () => {
    const { sendRate, claimedWhileWaiting } = gate();
    expect(await deliver(care('k1'), deps({ sendRate, vet: async () => 'no-consent' }))).toBe('suppressed');
    expect(claimedWhileWaiting).toEqual([]);
  });

  /** A delivery that claimed the message at `realMs` and died before it recorded the outcome. */
  const diedHolding = (request: NotificationRequest) => log.claim(request, now, realMs, LEASE);
  const receipts = (accepted: Map<string, string>): ProviderReceipts => ({
    accepted: async (request) => accepted.get(request.key),
  });
  const later = (over: Partial<DeliveryDeps> = {}) =>
    deps({ realNow: () => realMs + LEASE * 1000 + 1, ...over });

  it('sends nothing while another delivery holds the claim: in flight', async () => {
    await diedHolding(acknowledgement('a1'));
    expect(await deliver(acknowledgement('a1'), deps({ realNow: () => realMs + LEASE * 1000 }))).toBe(
      'in-flight',
    );
    expect(sent).toEqual([]);
  });

  it('measures the lease in real time, whatever the business clock says', async () => {
    await diedHolding(acknowledgement('a1'));
    now = new Date(now.getTime() + 3 * 86_400_000); // the local cloud's clock set three days ahead
    expect(await deliver(acknowledgement('a1'), deps({ realNow: () => realMs + 1000 }))).toBe('in-flight');
    expect(log.states.get('a1')).toBe('sending');
  });

  it('after the lease, completes the message as sent when the provider accepted it, and sends nothing', async () => {
    await diedHolding(acknowledgement('a1'));
    const d = later({ receipts: { sms: receipts(new Map([['a1', 'ses-1']])) } });
    expect(await deliver(acknowledgement('a1'), d)).toBe('sent');
    expect(log.events.at(-1)).toMatchObject({ type: 'notification.sent', data: { providerId: 'ses-1' } });
    expect(sent).toEqual([]);
  });

  it('after the lease, takes the claim over and sends when the provider never had the message, once', async () => {
    await diedHolding(acknowledgement('a1'));
    const d = later({ receipts: { sms: receipts(new Map()) } });
    const outcomes = await Promise.all([
      deliver(acknowledgement('a1'), d),
      deliver(acknowledgement('a1'), d),
    ]);
    expect(outcomes.sort()).toEqual(['duplicate', 'sent']);
    expect(sent).toEqual(['a1']);
  });

  it('after the lease, reports the outcome as unknown on a channel without receipts, rather than risk sending twice', async () => {
    await diedHolding(acknowledgement('a1'));
    expect(await deliver(acknowledgement('a1'), later())).toBe('failed');
    expect(log.events.at(-1)).toMatchObject({
      type: 'notification.failed',
      data: { reason: 'outcome-unknown' },
    });
    expect(sent).toEqual([]);
  });
});
