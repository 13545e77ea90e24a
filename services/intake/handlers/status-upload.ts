/**
 * Uploads from the status page, with its signed link's token: `POST /v1/status/uploads` answers a
 * form that posts one file straight to the attachments store (PDF, JPEG or PNG, 10 MB at most:
 * anything else is a 400 with a message the page shows); `POST /v1/status/uploads/{attachmentId}`
 * records the file on the complaint once it is there, for the agent to see on the case.
 */
import { clock } from '#shared/clock';
import { NotFound, ValidationFailed } from '#shared/http/errors';
import { newId } from '#shared/ids';
import { InvalidCustomerLink } from '#shared/links/customer-link-token';
import { referenceOfLink } from '#shared/links/customer-links';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { intakeDeps } from '../adapters/deps';
import { recordUpload, uploadFormFor } from '../adapters/status-uploads';
import { UploadDoneRequest, UploadPath, UploadRequest } from '../domain/status-upload';

async function complaintOfLink(token: string) {
  let reference: string;
  try {
    reference = await referenceOfLink(token, 'status');
  } catch (error) {
    if (!(error instanceof InvalidCustomerLink)) throw error;
    logger.info('upload link refused', { why: error.why });
    throw new ValidationFailed(
      [{ path: 'body.t', message: 'The link is invalid or has expired.' }],
      'This status link is invalid or has expired. 查询链接无效或已过期。',
    );
  }
  const found = await intakeDeps.complaints.findByReference(reference);
  if (!found) throw new NotFound('No complaint matches this link.');
  return found.complaint;
}

const issueForm = httpRoute({ body: UploadRequest }, async ({ body }) => {
  const complaint = await complaintOfLink(body.t);
  const form = await uploadFormFor(complaint.complaintId, newId(), body.contentType, clock.now());
  logger.info('upload form issued', { complaintId: complaint.complaintId, attachmentId: form.attachmentId });
  return { status: 201, body: form, headers: { 'cache-control': 'no-store' } };
});

const recordFile = httpRoute({ body: UploadDoneRequest, path: UploadPath }, async ({ body, path }) => {
  const complaint = await complaintOfLink(body.t);
  const attachment = await recordUpload(complaint.complaintId, path.attachmentId, body, clock.now());
  logger.info('upload recorded', {
    complaintId: complaint.complaintId,
    attachmentId: attachment.attachmentId,
  });
  const { attachmentId, fileName, size, receivedAt } = attachment;
  return { status: 201, body: { attachmentId, fileName, size, receivedAt } };
});

/** One function, two routes: the route with an upload id records, the other issues a form. */
export const handler = (...[event, context]: Parameters<typeof issueForm>) =>
  event.pathParameters?.attachmentId ? recordFile(event, context) : issueForm(event, context);
