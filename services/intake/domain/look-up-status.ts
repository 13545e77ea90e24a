/**
 * The customer's own status lookup. The caller proves they filed the complaint with its email or
 * the last four digits of its phone; a wrong contact is answered exactly like an unknown reference.
 */
import { timingSafeEqual } from 'node:crypto';
import { NotFound } from '../../../shared/http/errors';
import type { ContactCheck, IntakeDeps } from './ports';

export interface ComplaintStatusView {
  readonly reference: string;
  readonly status: string;
  readonly receivedAt: string;
  readonly nextDeadline: { readonly name: string; readonly dueAt: string } | null;
}

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function lookUpStatus(
  reference: string,
  contact: string,
  deps: Pick<IntakeDeps, 'complaints' | 'hash'>,
): Promise<ComplaintStatusView> {
  const notFound = new NotFound('No complaint matches this reference and contact.');
  const found = await deps.complaints.findByReference(reference);
  const contactCheck: ContactCheck = found?.contactCheck ?? {};
  const byPhone =
    /^\d{4}$/.test(contact) &&
    contactCheck.phoneLast4 !== undefined &&
    sameText(contact, contactCheck.phoneLast4);
  const byEmail =
    contact.includes('@') &&
    contactCheck.emailHash !== undefined &&
    sameText(await deps.hash('email', contact), contactCheck.emailHash);
  if (!found || !(byPhone || byEmail)) throw notFound;
  const { complaint } = found;
  return {
    reference: complaint.reference,
    status: complaint.status,
    receivedAt: complaint.receivedAt,
    nextDeadline: complaint.customerDeadline ?? null,
  };
}
