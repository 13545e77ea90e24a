/** Case work wired to AWS; one set of dependencies per cold start. */
import { clock } from '#shared/clock';
import { slaRules } from '../../sla/domain/sla-rules';
import type { CaseDeps } from '../domain/case-work';
import { dynamoCaseQueries } from './dynamo-case-queries';
import { dynamoCaseStore } from './dynamo-case-store';

export const caseDeps: CaseDeps = {
  store: dynamoCaseStore,
  clock,
  // The SLA rules only: the SLA service's store stays the SLA service's.
  sla: slaRules,
};

export const caseQueries = dynamoCaseQueries;
