/**
 * A logged message re-rendered with notify's templates from its request (type, language, data).
 * Notify removes the request once a message is sent (data minimisation), so this renders only
 * messages still waiting to go; `templateVersion` says which template rendered it.
 */
import { setting, settings } from '#shared/config/settings';
import type { NotificationRequest } from '../../notify/domain/notification';
import { renderMessage } from '../../notify/domain/render';

export function rerender(item: Record<string, unknown>) {
  const request = item.request as NotificationRequest | undefined;
  if (!request?.type || !request.recipient) return undefined;
  try {
    const { SERVICE_PHONE, SERVICE_EMAIL, BRAND_WEBSITE } = settings();
    const message = renderMessage(request.type, request.recipient.language, request.data as never, {
      brandName: setting('BRAND_NAME'),
      servicePhone: SERVICE_PHONE,
      serviceEmail: SERVICE_EMAIL,
      website: BRAND_WEBSITE,
      timeZone: request.recipient.timeZone,
    });
    return {
      subject: message.subject,
      text: request.recipient.channel === 'sms' && message.sms ? message.sms : message.text,
      templateVersion: message.templateVersion,
    };
  } catch {
    // a message type whose template is gone: the export still lists the message as logged
    return undefined;
  }
}
