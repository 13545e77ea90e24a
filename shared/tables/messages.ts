/**
 * Keys of the Messages table's items, owned by the notify service (the only writer); the case API
 * reads a complaint's messages through gsi1 and tests read the log. Existing data depends on these
 * exact strings: change one only with a migration.
 *
 *   message          MSG#<messageKey>                    MSG
 *   suppression      SUPPRESSED#<address, lower case>    SUPPRESSED
 *   frequency slot   CAP#<customerId>                    SLOT#<n>
 *   send permit      RATE#<channel>#<unix second>        RATE
 *   provider receipt RECEIPT#<notification id>           RECEIPT
 *   outbox event     see shared/outbox/outbox-keys.ts
 *
 * Indexes:
 *   gsi1  COMPLAINT#<complaintId>  <at>#<messageKey>    a complaint's messages
 *   gsi3  CUSTOMER#<customerId>  <at>#<messageKey>    a customer's messages (keys only; the journey
 *                                                    reads the items). Older items lack it.
 *   gsi2  DEFERRED#<hour>          <due>#<messageKey>   messages held for the end of quiet hours
 *         CLAIMED#<hour>           <lease end>#<key>    messages being sent, by when their claim lapses
 */
import { type ItemKind, outboxKind } from './item-kinds';

export const messageKey = (key: string) => ({ pk: `MSG#${key}`, sk: 'MSG' });
export const suppressionKey = (address: string) => ({
  pk: `SUPPRESSED#${address.toLowerCase()}`,
  sk: 'SUPPRESSED',
});
export const frequencySlotKey = (customerId: string, slot: number) => ({
  pk: `CAP#${customerId}`,
  sk: `SLOT#${slot}`,
});
export const sendPermitKey = (channel: string, second: number) => ({
  pk: `RATE#${channel}#${second}`,
  sk: 'RATE',
});
/** What the email provider accepted, by the notification id the message carried in a header. */
export const providerReceiptKey = (notificationId: string) => ({
  pk: `RECEIPT#${notificationId}`,
  sk: 'RECEIPT',
});

/** gsi1: the messages of one complaint (the case timeline lists them). */
export const complaintMessagesPartition = (complaintId: string) => `COMPLAINT#${complaintId}`;
export const complaintMessageListing = (complaintId: string, at: Date, key: string) => ({
  gsi1pk: complaintMessagesPartition(complaintId),
  gsi1sk: `${at.toISOString()}#${key}`,
});

/** gsi3: the messages sent to one customer (their journey lists them). */
export const customerMessagesPartition = (customerId: string) => `CUSTOMER#${customerId}`;
export const customerMessageListing = (customerId: string, at: Date, key: string) => ({
  gsi3pk: customerMessagesPartition(customerId),
  gsi3sk: `${at.toISOString()}#${key}`,
});

/** gsi2: deferred messages by the hour (`YYYY-MM-DDTHH`) they become sendable. */
export const deferredPartition = (hour: string) => `DEFERRED#${hour}`;

/** gsi2: claims by the hour (`YYYY-MM-DDTHH`, real time) their lease ends; completed ones leave it. */
export const claimedPartition = (hour: string) => `CLAIMED#${hour}`;
export const claimListing = (leaseEndMs: number, key: string) => {
  const end = new Date(leaseEndMs).toISOString();
  return { gsi2pk: claimedPartition(end.slice(0, 13)), gsi2sk: `${end}#${key}` };
};

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Messages', kind: 'message', pk: 'MSG#', sk: 'MSG' },
  { table: 'Messages', kind: 'suppression', pk: 'SUPPRESSED#', sk: 'SUPPRESSED' },
  { table: 'Messages', kind: 'cap-slot', pk: 'CAP#', sk: 'SLOT#' },
  { table: 'Messages', kind: 'send-permit', pk: 'RATE#', sk: 'RATE' },
  { table: 'Messages', kind: 'receipt', pk: 'RECEIPT#', sk: 'RECEIPT' },
  outboxKind('Messages'),
];
