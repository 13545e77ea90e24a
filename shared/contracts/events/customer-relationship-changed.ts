/**
 * `customer.relationship-changed`: the customer import found that the customer's relationship with
 * the insurer ended (every policy ended, `endedAt` the last end date) or began again (a policy back
 * in force: both null). Published with the import's write of the profile, in the same transaction.
 * The end starts the retention period of everything that names the customer (rules/retention.json
 * in services/privacy): the services that keep such records set or remove their `expiresAt`.
 * Consumers read the profile's current end rather than trusting this event's, so a redelivered or
 * out-of-order event converges on the last import. Ids and dates only.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const CustomerRelationshipChanged = defineEvent(
  'customer.relationship-changed',
  1,
  z.looseObject({
    customerId: id(),
    /** The day the relationship ended (`YYYY-MM-DD`), or null when it goes on. */
    endedAt: z.nullable(z.iso.date()),
    /** When records naming the customer expire (epoch seconds, the tables' TTL), or null. */
    expiresAt: z.nullable(z.number().check(z.int(), z.positive())),
  }),
);
