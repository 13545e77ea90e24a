/** The privacy use cases wired to the tables; one set per cold start. */
import { recordAccess } from '#shared/audit/access-audit';
import { clock } from '#shared/clock';
import { newId } from '#shared/ids';
import type { ExportDeps } from '../domain/access-export';
import type { ErasureDeps } from '../domain/erasure';
import type { SkeletonHolds } from '../domain/privacy-requests';
import type { CompletionDeps } from '../domain/request-completion';
import { contactDirectory } from './contact-directory';
import { customerConsents } from './customer-consents';
import { dynamoPersonEraser } from './dynamo-person-eraser';
import { dynamoRequestStore } from './dynamo-request-store';
import { rerender } from './message-rerender';
import { personRecordSource } from './person-records';
import { skeletonHolds } from './skeleton-holds';

/**
 * Requests, exports, completions and the audit (privacy-api: reads the person's tables; its one
 * write there is a withdraw-consent request's withdrawal on the customer's profile).
 */
export const privacyDeps: ExportDeps & CompletionDeps & { skeletons: SkeletonHolds } = {
  requests: dynamoRequestStore,
  contacts: contactDirectory,
  consents: customerConsents,
  records: personRecordSource,
  rerender,
  skeletons: skeletonHolds,
  audit: async (principal, subject, why) => {
    await recordAccess(principal, 'privacy-export', subject, why);
  },
  clock,
  newId,
};

/** The erasure (privacy-erasure: the one function that may rewrite and delete the person's items). */
export const erasureDeps: ErasureDeps = {
  requests: dynamoRequestStore,
  contacts: contactDirectory,
  records: personRecordSource,
  eraser: dynamoPersonEraser,
  clock,
  newId,
};
