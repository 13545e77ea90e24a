/**
 * The customer's own status lookup. The caller proves they filed the complaint with its email or
 * the last four digits of its phone; a wrong contact is answered exactly like an unknown reference.
 */
import { timingSafeEqual } from 'node:crypto';
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
  const { complaint } = found;
  return {
    reference: complaint.reference,
    status: complaint.status,
    receivedAt: complaint.receivedAt,
    nextDeadline: complaint.customerDeadline ?? null,
  };
}
