/** Case work wired to AWS; one set of dependencies per cold start. */
import { clock } from '../../../shared/clock';
import { slaDeps } from '../../sla/adapters/deps';
import type { CaseDeps } from '../domain/case-work';
import { dynamoCaseQueries } from './dynamo-case-queries';
import { dynamoCaseStore } from './dynamo-case-store';

export const caseDeps: CaseDeps = {
  store: dynamoCaseStore,
  clock,
  sla: { policy: slaDeps.policy, calendarFor: slaDeps.calendarFor },
};

export const caseQueries = dynamoCaseQueries;
