/**
 * The customer's consents on their profile (Customers table, owned by the care service): the
 * history the profile keeps, and a withdrawal through notify's writer of consents, the one an
 * unsubscribe link uses, so that a privacy request and an unsubscribe change the profile the same
 * way (consent, who and when, the preferences version and the history, in one update).
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { type ConsentChange, customerProfileKey } from '#shared/tables/customers';
import { hasExpired } from '#shared/tables/expiry';
import { withdrawConsent } from '../../notify/adapters/customer-profiles';
import type { CustomerConsents } from '../domain/request-completion';

export const customerConsents: CustomerConsents = {
  async historyOf(customerId) {
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        ProjectionExpression: 'pk, consentHistory, expiresAt',
        ConsistentRead: true,
      }),
    );
    // a profile past its retention is gone, though DynamoDB may purge it days later
    if (!Item || hasExpired(Item, clock.now())) return undefined;
    return (Item.consentHistory as ConsentChange[] | undefined) ?? [];
  },
  withdraw: (customerId, consent, at, actor) => withdrawConsent(customerId, consent, at, actor),
};
