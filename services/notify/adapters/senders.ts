/**
 * Email through SES (v2, with the stage's configuration set so bounces and complaints come back as
 * events) and SMS through AWS End User Messaging SMS; locally the same SDK calls reach the SES
 * emulator and the local cloud's SMS sink. Rejections that retrying cannot fix are permanent.
 */
import { SESv2Client, SendEmailCommand } from '#shared/aws/sesv2';
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '#shared/aws/sms';
import { setting, settings } from '#shared/config/settings';
import { PermanentSendFailure, type Sender } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';
import { NOTIFICATION_ID_HEADER } from '../domain/ses-feedback';
import { notificationId } from './provider-receipts';
import { replyAddressOf } from './reply-addresses';

let ses: SESv2Client | undefined;
let sms: PinpointSMSVoiceV2Client | undefined;

const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'ValidationException',
  'BadRequestException',
  'NotFoundException',
]);

async function sendOrClassify<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const name = (error as Error).name;
    if (PERMANENT.has(name)) throw new PermanentSendFailure(name);
    throw error;
  }
}

/**
 * RFC 8058 one-click unsubscribe for care messages: mail clients show their own unsubscribe button
 * and POST `List-Unsubscribe=One-Click` to the link, which the unsubscribe route accepts.
 */
function listUnsubscribeHeaders(request: NotificationRequest) {
  const url = request.care ? request.data.unsubscribeUrl : undefined;
  return typeof url === 'string' && /^https?:\/\//.test(url)
    ? [
        { Name: 'List-Unsubscribe', Value: `<${url}>` },
        { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
      ]
    : [];
}

export const sesSender: Sender = {
  async send(request, message) {
    ses ??= new SESv2Client({});
    const replyTo = await replyAddressOf(request);
    const result = await sendOrClassify(() =>
      ses!.send(
        new SendEmailCommand({
          FromEmailAddress: setting('EMAIL_FROM'),
          Destination: { ToAddresses: [request.recipient.address] },
          // the customer's answer comes back to the complaint (services/inbound)
          ReplyToAddresses: replyTo ? [replyTo] : undefined,
          ConfigurationSetName: process.env.SES_CONFIGURATION_SET || undefined,
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              // the notification id lets a stale claim ask what SES accepted (provider-receipts.ts)
              Headers: [
                { Name: NOTIFICATION_ID_HEADER, Value: notificationId(request) },
                ...listUnsubscribeHeaders(request),
              ],
              Body: {
                Html: { Data: message.html, Charset: 'UTF-8' },
                Text: { Data: message.text, Charset: 'UTF-8' },
              },
            },
          },
          EmailTags: [
            { Name: 'type', Value: request.type },
            { Name: 'purpose', Value: request.purpose.replace(/[^\w-]/g, '-') },
          ],
        }),
      ),
    );
    return result.MessageId ?? '';
  },
};

export const smsSender: Sender = {
  async send(request, message) {
    sms ??= new PinpointSMSVoiceV2Client({});
    const result = await sendOrClassify(() =>
      sms!.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: request.recipient.address.startsWith('+')
            ? request.recipient.address
            : `+86${request.recipient.address}`,
          MessageBody: message.sms ?? message.text,
          MessageType: 'TRANSACTIONAL',
          OriginationIdentity: settings().SMS_ORIGINATION_IDENTITY,
          Context: { type: request.type },
        }),
      ),
    );
    return result.MessageId ?? '';
  },
};
