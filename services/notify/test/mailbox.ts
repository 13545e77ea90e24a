/**
 * What the local cloud delivered, as the notify tests read it: the SES emulator's mailbox (every
 * stored email, or those to one address) and the SMS sent to a phone number.
 */
import type { LocalCloud } from '../../../infra/local/cloud';

export interface StoredEmail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
}

/** Every email the SES emulator holds. */
export const mailbox = async (cloud: LocalCloud) =>
  ((await (await fetch(`${cloud.sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

/** The emails to `address`. */
export const mailTo = async (cloud: LocalCloud, address: string) =>
  (await mailbox(cloud)).filter((m) => m.destination.to.includes(address));

/** How many emails each address of a burst (`<tag>-…`) received: one each, or a duplicate shows. */
export async function mailboxCounts(cloud: LocalCloud, tag: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const mail of await mailbox(cloud))
    for (const to of mail.destination.to)
      if (to.startsWith(`${tag}-`)) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

/** The SMS sent to a number ending in `phone`. */
export const smsTo = (cloud: LocalCloud, phone: string) =>
  cloud.sms.messages.filter((m) => m.destinationPhoneNumber.endsWith(phone));
