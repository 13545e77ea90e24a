/** Case work wired to AWS; one set of dependencies per cold start. */
import { s3AttachmentStore } from '#shared/attachments/s3-attachment-store';
import { clock } from '#shared/clock';
import { slaRules } from '../../sla/domain/sla-rules';
import type { DownloadLink } from '../domain/case-views';
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

/** How long a staff download link works: long enough to click, too short to forward usefully. */
const DOWNLOAD_LINK_SECONDS = 300;

export const downloadLink: DownloadLink = (attachment) =>
  s3AttachmentStore.downloadUrl({ ...attachment, expiresInSeconds: DOWNLOAD_LINK_SECONDS });
