/**
 * A requester's contact as the request keeps it: its keyed hash (never the value), and the customer
 * its phone is registered to through the Customers table's phone lookup. An email names no
 * customer here (the Customers table has no email lookup); the request then goes by the hash.
 * A phone lookup past its `expiresAt` names no customer, as once DynamoDB has purged it.
 */
import { tableName } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { clock } from '#shared/clock';
import { keyedHash } from '#shared/pii';
import { customerLookupKey } from '#shared/tables/customers';
import type { ContactDirectory } from '../domain/privacy-requests';

export const contactDirectory: ContactDirectory = {
  async resolve(contact) {
    if (contact.includes('@')) return { kind: 'email', hash: await keyedHash('email', contact) };
    const hash = await keyedHash('phone', contact);
    const lookup = await getUnexpired(
      { TableName: tableName('Customers'), Key: customerLookupKey.phone(hash) },
      clock.now(),
    );
    const customerId = lookup?.customerId as string | undefined;
    return { kind: 'phone', hash, ...(customerId ? { customerId } : {}) };
  },
};
