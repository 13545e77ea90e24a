/**
 * Files a complaint from the web form or the hotline: idempotent per key, linked to the customer
 * when known, flagged when it repeats a complaint from the last 24 hours, and recorded together
 * with its regime, its opening deadlines and its `complaint.received` event in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Complaint } from '#shared/contracts/complaint';
import type { HotlineComplaintRequest, WebComplaintRequest } from '#shared/contracts/complaint-requests';
import { buildEvent, type EventData } from '#shared/contracts/events/index';
import { maskResidentId, residentIdBirthDate } from '#shared/contracts/resident-id';
import { Conflict, IdempotencyInProgress } from '#shared/domain/errors';
import type { ContactCheck, FiledComplaint, IdempotencyRecord, IntakeDeps, RecentComplaint } from './ports';
import { newReference } from './reference';
import { isNearIdentical } from './similarity';

export type FileComplaintCommand =
  | {
      readonly channel: 'web';
      readonly request: WebComplaintRequest;
      readonly idempotencyKey?: string;
      readonly correlationId: string;
    }
  | {
      readonly channel: 'hotline';
      readonly request: HotlineComplaintRequest;
      readonly correlationId: string;
    };

export interface FileComplaintResult {
  readonly filed: FiledComplaint;
  /** True when this answers a repeated request with the original response. */
  readonly replayed: boolean;
}

const DUPLICATE_WINDOW_MS = 24 * 3600 * 1000;
const REFERENCE_ATTEMPTS = 5;

/** Same body ⇔ same hash, whatever the key order or surrounding whitespace. */
export function requestHash(request: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('base64url');
}

/** Hardship as the complaint arrived with it: the form's field or the hotline agent's flag. */
function hardshipWhenFiled(command: FileComplaintCommand, receivedAt: Date): Complaint['hardship'] {
  const hotline = command.channel === 'hotline';
  const marked = hotline ? command.request.flags?.hardship : command.request.hardship;
  if (!marked) return undefined;
  return {
    hardship: true,
    reason: hotline ? 'flagged by the hotline agent' : 'stated by the customer on the complaint form',
    markedAt: receivedAt.toISOString(),
    markedBy: hotline ? command.request.agentId : 'customer',
  };
}

function idempotencyOf(command: FileComplaintCommand): { scope: 'web' | 'hotline'; key: string } | undefined {
  if (command.channel === 'hotline') return { scope: 'hotline', key: command.request.callId };
  return command.idempotencyKey ? { scope: 'web', key: command.idempotencyKey } : undefined;
}

/**
 * A read started ahead of knowing whether it is needed: its failure is kept for whoever awaits it,
 * and is never an unhandled rejection when nobody does.
 */
type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}
function unwrap<T>(result: Settled<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

async function replay(
  deps: IntakeDeps,
  scope: 'web' | 'hotline',
  key: string,
  hash: string,
): Promise<FileComplaintResult | undefined> {
  const record = await deps.complaints.findIdempotencyRecord(scope, key);
  if (!record) return undefined;
  if (record.requestHash !== hash) {
    throw new Conflict(
      scope === 'hotline'
        ? 'This callId was already used for a different complaint.'
        : 'This Idempotency-Key was already used with a different request body.',
    );
  }
  return { filed: record.response, replayed: true };
}

export async function fileComplaint(
  command: FileComplaintCommand,
  deps: IntakeDeps,
): Promise<FileComplaintResult> {
  const { request } = command;
  const idempotency = idempotencyOf(command);
  const hash = requestHash(request);
  // No read of the idempotency record up front: the transaction below refuses an existing key, and
  // only then is the earlier answer fetched. A new complaint (nearly every request) saves a read.

  const receivedAt = deps.clock.now();
  const hotline = command.channel === 'hotline' ? command.request : undefined;
  const phone = request.customer.phone ?? hotline?.callerPhone;
  const email = request.customer.email;
  const [phoneHash, emailHash, idNumberHash] = await Promise.all([
    phone ? deps.hash('phone', phone) : undefined,
    email ? deps.hash('email', email) : undefined,
    request.customer.idNumber ? deps.hash('id-number', request.customer.idNumber) : undefined,
  ]);
  const since = new Date(receivedAt.getTime() - DUPLICATE_WINDOW_MS);
  // The customer key of a contact no customer is known by: the complaint's phone, else its email.
  const contactKey = phoneHash ? `phone:${phoneHash}` : `email:${emailHash}`;
  const { policyNumber } = request;
  // The 24 h history is read beside the customer's lookup, never after it. A duplicate names the
  // same policy, so a complaint naming one reads the policy's history (every customer's) and keeps
  // the complaints of its customer once the lookup has named them: the same complaints as that
  // customer's history naming the policy. A complaint without a policy reads the contact's history:
  // it is the one used when no customer is known by the phone; a known customer's is then read after
  // the lookup and the contact's is wasted (half a read unit), the price of not waiting for it.
  const policyHistory = policyNumber
    ? settled(deps.complaints.recentComplaintsOfPolicy(policyNumber, since))
    : undefined;
  const contactHistory = policyHistory
    ? undefined
    : settled(deps.complaints.recentComplaintsOf(contactKey, since));
  const found = await deps.customers.findCustomer(policyNumber, phoneHash);
  const customerId = found?.customerId;
  const customerKey = customerId ?? contactKey;
  const history = async (): Promise<readonly RecentComplaint[]> => {
    if (policyHistory) return unwrap(await policyHistory).filter((c) => c.customerKey === customerKey);
    if (customerId) return deps.complaints.recentComplaintsOf(customerId, since);
    return unwrap(await (contactHistory as Promise<Settled<RecentComplaint[]>>));
  };

  const complaintId = deps.newId();
  const hardship = hardshipWhenFiled(command, receivedAt);
  // The deadlines are written with the complaint, by the SLA service's own rules, so the status
  // lookup and the acknowledgement have them from the first instant; the SLA service then runs the
  // clocks under the regime recorded here and keeps the customer's deadline from there on. The
  // regime facts come with the lookup when it carries them (then nothing waits on another read);
  // a lookup written before it did has them read from the customer's items, one round later.
  const [earlier, opening] = await Promise.all([
    history(),
    deps.sla.openingDeadlines(
      {
        complaintId,
        receivedAt: receivedAt.toISOString(),
        customerId,
        policyNumber,
        hardship: hardship?.hardship,
      },
      // no customer, no facts: the regime is then the default one, with nothing to read
      found ? found.regimeFacts : {},
    ),
  ]);
  const duplicateOf = earlier.find(
    (c) => c.policyNumber === request.policyNumber && isNearIdentical(c.description, request.description),
  );

  const complaint: Complaint = {
    complaintId,
    reference: '',
    status: 'received',
    channel: command.channel,
    receivedAt: receivedAt.toISOString(),
    correlationId: command.correlationId,
    customer: {
      name: request.customer.name,
      phone,
      email,
      idNumberMasked: request.customer.idNumber ? maskResidentId(request.customer.idNumber) : undefined,
      idNumberHash,
      phoneHash,
      emailHash,
      birthDate: request.customer.idNumber ? residentIdBirthDate(request.customer.idNumber) : undefined,
    },
    customerId,
    customerKey,
    policyNumber: request.policyNumber,
    claimNumber: request.claimNumber,
    requestedCategory: request.category,
    subject: request.subject,
    description: request.description,
    preferredChannel: request.preferredChannel ?? (email && !phone ? 'email' : phone ? 'sms' : 'email'),
    language: request.language ?? 'zh-CN',
    hotline: hotline && {
      callId: hotline.callId,
      agentId: hotline.agentId,
      callerPhone: hotline.callerPhone,
      summary: hotline.summary,
      transcript: hotline.transcript,
      flags: {
        regulatorReferral: hotline.flags?.regulatorReferral ?? false,
        mediaThreat: hotline.flags?.mediaThreat ?? false,
        vulnerableCustomer: hotline.flags?.vulnerableCustomer ?? false,
        hardship: hotline.flags?.hardship ?? false,
      },
    },
    hardship,
    possibleDuplicateOf: duplicateOf?.complaintId,
    version: 1,
  };
  if (opening) {
    complaint.regime = opening.regime;
    if (opening.customerDeadline) complaint.customerDeadline = { ...opening.customerDeadline };
  }
  const contactCheck: ContactCheck = { emailHash, phoneLast4: phone?.slice(-4) };

  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    complaint.reference = newReference(receivedAt, deps.timeZone);
    const filed: FiledComplaint = {
      complaintId,
      reference: complaint.reference,
      status: 'received',
      receivedAt: complaint.receivedAt,
    };
    const record: IdempotencyRecord | undefined = idempotency && {
      ...idempotency,
      requestHash: hash,
      response: filed,
    };
    const data: EventData<'complaint.received'> = {
      complaintId,
      reference: complaint.reference,
      channel: complaint.channel,
      receivedAt: complaint.receivedAt,
      customerId,
      policyNumber: complaint.policyNumber,
      requestedCategory: complaint.requestedCategory,
      language: complaint.language,
      preferredChannel: complaint.preferredChannel,
      flags: complaint.hotline?.flags,
      ...(complaint.hardship?.hardship ? { hardship: true as const } : {}),
      possibleDuplicateOf: complaint.possibleDuplicateOf,
      regime: complaint.regime,
      customerDeadline: complaint.customerDeadline,
      decisionDueAt: opening?.decisionDueAt,
    };
    const outcome = await deps.complaints.create(
      complaint,
      buildEvent('complaint.received', data, command.correlationId),
      contactCheck,
      record,
    );
    if (outcome === 'created') return { filed, replayed: false };
    if ((outcome === 'idempotency-key-taken' || outcome === 'idempotency-key-in-flight') && idempotency) {
      // a retry, or a concurrent request with the same key that won the race: answer as it did
      const replayed = await replay(deps, idempotency.scope, idempotency.key, hash);
      if (replayed) return replayed;
      // The twin holds the key but its answer is not readable yet (its transaction is still
      // committing). Another reference would not help: the key stays taken. The client retries.
      throw new IdempotencyInProgress(
        'A request with this idempotency key is still being processed; retry after a moment.',
      );
    }
  }
  throw new Error('could not allocate a unique complaint reference');
}
