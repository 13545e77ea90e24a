/**
 * A requester's contact as the request keeps it: its keyed hash (never the value), and the customer
 * its phone is registered to through the Customers table's phone lookup. An email names no
 * customer here (the Customers table has no email lookup); the request then goes by the hash.
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { keyedHash } from '#shared/pii';
import { customerLookupKey } from '#shared/tables/customers';
import type { ContactDirectory } from '../domain/privacy-requests';

export const contactDirectory: ContactDirectory = {
  async resolve(contact) {
    if (contact.includes('@')) return { kind: 'email', hash: await keyedHash('email', contact) };
    const hash = await keyedHash('phone', contact);
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName('Customers'), Key: customerLookupKey.phone(hash) }),
    );
    const customerId = Item?.customerId as string | undefined;
    return { kind: 'phone', hash, ...(customerId ? { customerId } : {}) };
  },
};
