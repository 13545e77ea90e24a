/**
 * What the email provider accepted. Every email carries its notification id in a header; on AWS,
 * SES publishes a "Send" event for each email it accepts (the configuration set's event
 * destination), which notify-ses-feedback records here as a receipt. The SES emulator publishes no
 * events, so the local cloud asks the emulator's own store instead, by the same header.
 */
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  PutCommand,
  tableName,
} from '#shared/aws/dynamo';
import { providerReceiptKey } from '#shared/tables/messages';
import type { ProviderReceipts } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';
import { NOTIFICATION_ID_HEADER, type ProviderReceipt } from '../domain/ses-feedback';

/** A message's id for the provider: a hash, since the message key names the recipient's address. */
export const notificationId = (request: Pick<NotificationRequest, 'key'>) =>
  createHash('sha256').update(request.key).digest('base64url').slice(0, 32);

/** Receipts are needed only until a stale claim is resolved: a week is plenty. */
const RECEIPT_SECONDS = 7 * 24 * 3600;

export async function recordReceipt(receipt: ProviderReceipt): Promise<'recorded' | 'already-recorded'> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Messages'),
        Item: {
          ...providerReceiptKey(receipt.notificationId),
          kind: 'receipt',
          providerId: receipt.providerId,
          acceptedAt: receipt.at,
          expiresAt: Math.floor(Date.parse(receipt.at) / 1000) + RECEIPT_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'recorded';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'already-recorded';
    throw error;
  }
}

/** The receipts SES's events left in the Messages table. */
export const sesEventReceipts: ProviderReceipts = {
  async accepted(request) {
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: tableName('Messages'),
        Key: providerReceiptKey(notificationId(request)),
        ConsistentRead: true,
      }),
    );
    return Item?.providerId as string | undefined;
  },
};

interface EmulatorEmail {
  readonly messageId: string;
  readonly headers?: readonly { name: string; value: string }[];
}

/** The SES emulator's store (aws-ses-v2-local's `GET /store`) at the local cloud's SES endpoint. */
export function emulatorReceipts(sesEndpoint: string): ProviderReceipts {
  return {
    async accepted(request) {
      const response = await fetch(`${sesEndpoint.replace(/\/+$/, '')}/store`);
      if (!response.ok) throw new Error(`the SES emulator's store answered ${response.status}`);
      const id = notificationId(request);
      const { emails } = (await response.json()) as { emails: EmulatorEmail[] };
      return emails.find((m) =>
        m.headers?.some(
          (h) => h.name.toLowerCase() === NOTIFICATION_ID_HEADER.toLowerCase() && h.value === id,
        ),
      )?.messageId;
    },
  };
}
