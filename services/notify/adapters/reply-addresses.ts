/**
 * The reply address of a complaint's emails to its customer: `reply+<token>@REPLY_EMAIL_DOMAIN`,
 * signed with the reply secret (Secrets Manager on AWS, `REPLY_SECRET` locally). Care messages and
 * staff alerts have none: a reply to them belongs to no complaint.
 */
import { secretValue } from '#shared/aws/secrets';
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { replyAddress, signReplyToken } from '#shared/domain/reply-address';
import type { NotificationRequest } from '../domain/notification';

export async function replyAddressOf(request: NotificationRequest): Promise<string | undefined> {
  if (request.care || request.recipient.kind !== 'customer' || !request.complaintId) return undefined;
  const token = signReplyToken(request.complaintId, await secretValue('reply-signing'), clock.now());
  return replyAddress(token, setting('REPLY_EMAIL_DOMAIN'));
}
