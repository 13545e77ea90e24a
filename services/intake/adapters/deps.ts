/** The intake use cases wired to AWS: one set of dependencies per cold start. */
import { clock } from '../../../shared/clock';
import { newId } from '../../../shared/ids';
import { keyedHash } from '../../../shared/pii';
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
  timeZone: process.env.COMPANY_TIME_ZONE ?? 'Asia/Shanghai',
};
