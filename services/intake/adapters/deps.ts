/** The intake use cases wired to AWS: one set of dependencies per cold start. */
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { newId } from '#shared/ids';
import { keyedHash } from '#shared/pii';
import type { IntakeDeps } from '../domain/ports';
import { dynamoComplaintStore } from './dynamo-complaint-store';
import { dynamoCustomerDirectory } from './dynamo-customer-directory';
import { slaRules } from './sla-rules';

export const intakeDeps: IntakeDeps = {
  complaints: dynamoComplaintStore,
  customers: dynamoCustomerDirectory,
  sla: slaRules,
  hash: keyedHash,
  clock,
  newId,
  // read when first used, not at load: the environment is the function's declared settings
  get timeZone() {
    return setting('COMPANY_TIME_ZONE');
  },
};
