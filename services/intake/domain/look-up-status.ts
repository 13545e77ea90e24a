/**
 * The customer's own status lookup. The caller proves they filed the complaint with its email or
 * the last four digits of its phone, or brings a signed status link from one of our messages; a
 * wrong contact is answered exactly like an unknown reference.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Complaint } from '#shared/contracts/complaint';
import { NotFound } from '#shared/domain/errors';
import type { ComplaintStatusView } from './intake-responses';
import type { ContactCheck, IntakeDeps } from './ports';

export type { ComplaintStatusView };

/** Matches no contact: an email hash is base64url and a phone check is four digits. */
const NO_MATCH = '\u0000';

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function lookUpStatus(
  reference: string,
  contact: string,
  deps: Pick<IntakeDeps, 'complaints' | 'hash'>,
): Promise<ComplaintStatusView> {
  const notFound = new NotFound('No complaint matches this reference and contact.');
  const found = await deps.complaints.findByReference(reference);
  // Every path does the same work (the hash and both comparisons, against placeholders when there
  // is nothing to compare with), so the answer's timing does not tell a wrong contact from an
  // unknown reference.
  const contactCheck: ContactCheck = found?.contactCheck ?? {};
  const emailHash = await deps.hash('email', contact);
  const phoneMatches = sameText(contact, contactCheck.phoneLast4 ?? NO_MATCH);
  const emailMatches = sameText(emailHash, contactCheck.emailHash ?? NO_MATCH);
  const byPhone = /^\d{4}$/.test(contact) && contactCheck.phoneLast4 !== undefined && phoneMatches;
  const byEmail = contact.includes('@') && contactCheck.emailHash !== undefined && emailMatches;
  if (!found || !(byPhone || byEmail)) throw notFound;
  return statusOf(found.complaint, deps);
}

/**
 * The status a signed link shows: the link is the proof, so no contact is asked for. The caller
 * has verified the link (shared/links) and passes the reference it names.
 */
export async function lookUpStatusByLink(
  reference: string,
  deps: Pick<IntakeDeps, 'complaints'>,
): Promise<ComplaintStatusView> {
  const found = await deps.complaints.findByReference(reference);
  if (!found) throw new NotFound('No complaint matches this link.');
  return statusOf(found.complaint, deps);
}

async function statusOf(
  complaint: Complaint,
  deps: Pick<IntakeDeps, 'complaints'>,
): Promise<ComplaintStatusView> {
  const { resolution } = complaint;
  return {
    reference: complaint.reference,
    status: complaint.status,
    receivedAt: complaint.receivedAt,
    nextDeadline: complaint.customerDeadline ?? null,
    language: complaint.language,
    requests: await deps.complaints.requestsForInformation(complaint.complaintId),
    decision: resolution
      ? {
          outcome: resolution.outcome,
          ...(resolution.remedy ? { remedy: resolution.remedy } : {}),
          responseToCustomer: resolution.responseToCustomer,
          decidedAt: resolution.resolvedAt,
        }
      : null,
  };
}
