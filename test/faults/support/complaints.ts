/**
 * What every fault test does around its fault: files a burst of complaints the way a browser
 * would (an Idempotency-Key each, retrying whatever was not a definite answer), then checks each
 * accepted complaint came through — triaged, its SLA clocks running, exactly one acknowledgement
 * carrying its deadline — and counts what was lost and what was doubled.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { StoredEmail } from '../../../services/notify/test/mailbox';

export interface FiledComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly email: string;
}

/** The English acknowledgement promises a response "by 17 December 2026, 24:00". */
const DEADLINE_IN_ACKNOWLEDGEMENT = /response by \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}/;

/** One complaint by email, in English, so its acknowledgement is an email we can read. */
function complaintBody(email: string, index: number) {
  return {
    customer: { name: `Fault Test ${index}`, email },
    description: `My claim ${index} has been waiting six weeks for an answer from the claims team.`,
    language: 'en',
    preferredChannel: 'email',
    consent: { dataProcessing: true },
  };
}

/**
 * Posts one complaint until it gets a definite answer: a network error, 429 or 5xx leaves the
 * outcome open, so the same Idempotency-Key goes again, as the form's script does.
 */
export async function fileComplaint(
  apiUrl: () => string,
  email: string,
  index: number,
  giveUpAfterMs = 120_000,
): Promise<FiledComplaint & { attempts: number }> {
  const deadline = Date.now() + giveUpAfterMs;
  for (let attempts = 1; ; attempts++) {
    try {
      const response = await fetch(`${apiUrl()}/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `fault-${email}` },
        body: JSON.stringify(complaintBody(email, index)),
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === 201 || response.status === 200) {
        return {
          complaintId: body.complaintId as string,
          reference: body.reference as string,
          email,
          attempts,
        };
      }
      if (response.status < 500 && response.status !== 429)
        throw new Error(`complaint ${index} refused with ${response.status}: ${JSON.stringify(body)}`);
    } catch (error) {
      if ((error as Error).message.startsWith(`complaint ${index} refused`)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`complaint ${index} got no definite answer`);
    // a client's back-off before it tries again, not a wait for the system
    await new Promise((r) => setTimeout(r, 100 * Math.min(attempts, 10)));
  }
}

/** Files `count` complaints with at most `concurrency` requests in flight. */
export async function fileBurst(
  apiUrl: () => string,
  tag: string,
  count: number,
  concurrency = 8,
): Promise<{ filed: FiledComplaint[]; retried: number }> {
  const filed: FiledComplaint[] = [];
  let next = 0;
  let retried = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const complaint = await fileComplaint(apiUrl, `${tag}-${index}@example.com`, index);
        retried += complaint.attempts - 1;
        filed.push(complaint);
      }
    }),
  );
  return { filed, retried };
}

export interface CaseView {
  status: string;
  triage?: { reasons?: unknown };
  clocks: { name: string; state: string; dueAt: string }[];
  timeline: { kind: string; action?: string }[];
}

export async function adminHeaders(apiUrl: string): Promise<Record<string, string>> {
  const response = await fetch(`${apiUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'fault-suite', role: 'admin' }),
  });
  return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
}

export async function caseView(apiUrl: string, complaintId: string): Promise<CaseView | undefined> {
  const response = await fetch(`${apiUrl}/v1/cases/${complaintId}`, { headers: await adminHeaders(apiUrl) });
  return response.ok ? ((await response.json()) as CaseView) : undefined;
}

/** Triaged and with a running resolve clock: triage and SLA both handled it. */
export const triagedWithClocks = (view: CaseView | undefined) =>
  view !== undefined &&
  view.status !== 'received' &&
  view.triage !== undefined &&
  view.clocks.some((c) => c.name === 'resolve');

export interface Outcome {
  complaints: number;
  /** Accepted but never triaged, never given clocks, or never acknowledged. */
  lost: string[];
  /** Acknowledged more than once. */
  doubled: string[];
  /** Acknowledged without the date the response is due by. */
  withoutDeadline: string[];
}

/** Each complaint's state and acknowledgements, as they stand now. */
export async function outcomeOf(
  apiUrl: string,
  filed: readonly FiledComplaint[],
  mailbox: () => Promise<StoredEmail[]>,
): Promise<Outcome> {
  const mails = await mailbox();
  const outcome: Outcome = { complaints: filed.length, lost: [], doubled: [], withoutDeadline: [] };
  for (const complaint of filed) {
    const acknowledgements = mails.filter(
      (m) => m.destination.to.includes(complaint.email) && m.subject.includes(complaint.reference),
    );
    const view = await caseView(apiUrl, complaint.complaintId);
    // say what is missing, so a failure names the stage that lost it
    if (!view) outcome.lost.push(`${complaint.reference}: no such case`);
    else if (!triagedWithClocks(view)) outcome.lost.push(`${complaint.reference}: not triaged or no clocks`);
    else if (acknowledgements.length === 0) outcome.lost.push(`${complaint.reference}: no acknowledgement`);
    if (acknowledgements.length > 1) outcome.doubled.push(complaint.reference);
    if (acknowledgements.some((m) => !DEADLINE_IN_ACKNOWLEDGEMENT.test(m.body.text ?? '')))
      outcome.withoutDeadline.push(complaint.reference);
  }
  return outcome;
}

/**
 * Waits until every complaint is triaged, has clocks and an acknowledgement (or the time is up),
 * then lets the system settle and reports; the caller asserts lost and doubled are empty.
 */
export async function awaitOutcome(
  apiUrl: string,
  filed: readonly FiledComplaint[],
  mailbox: () => Promise<StoredEmail[]>,
  settle: () => Promise<void>,
  timeoutMs = 150_000,
  /** What a scheduled job would do meanwhile, run on every poll (e.g. the deferred sweep). */
  meanwhile?: () => Promise<unknown>,
): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await outcomeOf(apiUrl, filed, mailbox);
    if (outcome.lost.length === 0 || Date.now() > deadline) break;
    await meanwhile?.();
    await new Promise((r) => setTimeout(r, 500));
  }
  // everything arrived: let retries and redeliveries run out, so a late duplicate would show
  await settle();
  return outcomeOf(apiUrl, filed, mailbox);
}

/** Messages parked in dead-letter queues: accepted work the system gave up on. */
export async function deadLettered(sqs: SQSClient, dlqUrls: readonly string[]): Promise<number> {
  let total = 0;
  for (const url of dlqUrls) {
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    total +=
      Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
  return total;
}

/** The one line each fault test prints, for bench/README.md's table. */
export function reportFigures(fault: string, injected: Record<string, number>, outcome: Outcome): void {
  const faults = Object.entries(injected)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `fault suite | ${fault} | faults injected: ${faults || 'none'} | complaints ${outcome.complaints} | lost ${outcome.lost.length} | doubled ${outcome.doubled.length}`,
  );
}
