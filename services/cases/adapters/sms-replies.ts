/**
 * What an SMS reply needs besides the case store: the complaints filed with a phone (the search
 * index, by the phone's keyed hash) and the customer's consent, withdrawn as an unsubscribe link
 * withdraws it (notify's writer of the Customers table's consent). A phone lookup past its
 * `expiresAt` names no customer, as once DynamoDB has purged it.
 */
import { tableName } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { clock } from '#shared/clock';
import { keyedHash } from '#shared/pii';
import { customerLookupKey } from '#shared/tables/customers';
import { withdrawConsent } from '../../notify/adapters/customer-profiles';
import type { SmsDeps } from '../domain/sms-reply';
import { dynamoCaseQueries } from './dynamo-case-queries';
import { replyDeps } from './replies';

/** An SMS reply reads at most this many of the phone's complaints, newest first. */
const COMPLAINTS_READ = 20;

/** A text message carries no documents. */
const noDocuments = {
  put: () => Promise.reject(new Error('an SMS reply has no documents to store')),
};

export const smsDeps: SmsDeps = {
  reply: replyDeps(noDocuments),
  complaintsOfPhone: (phone) => dynamoCaseQueries.complaintsBy('phone', phone, COMPLAINTS_READ),
  async withdrawSmsConsent(phone) {
    const now = clock.now();
    const lookup = await getUnexpired(
      { TableName: tableName('Customers'), Key: customerLookupKey.phone(await keyedHash('phone', phone)) },
      now,
    );
    const customerId = lookup?.customerId;
    if (typeof customerId !== 'string') return 'unknown-customer';
    // no more care or claim messages by SMS; complaint notices are owed to the customer regardless
    return withdrawConsent(customerId, 'sms', now);
  },
};
