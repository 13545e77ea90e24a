/**
 * A logged message re-rendered with notify's templates: a sent one from what notify keeps of it
 * once sent (`renderedFrom`: type, channel, language, time zone, template data; no address, links
 * without their token), one still waiting from its request, read the same way. A message sent
 * before notify kept its data, or never sent (failed, suppressed), has nothing to render from.
 * `templateVersion` says which template rendered it: today's, which may word it otherwise than the
 * template of the day it was sent.
 */
import { setting, settings } from '#shared/config/settings';
import type { NotificationRequest } from '../../notify/domain/notification';
import { renderMessage } from '../../notify/domain/render';
import { type RenderedFrom, renderedFrom } from '../../notify/domain/rendered-from';

function sourceOf(item: Record<string, unknown>): RenderedFrom | undefined {
  const kept = item.renderedFrom as RenderedFrom | undefined;
  if (kept?.type && kept.data) return kept;
  const request = item.request as NotificationRequest | undefined;
  return request?.type && request.recipient && request.data ? renderedFrom(request) : undefined;
}

export function rerender(item: Record<string, unknown>) {
  const source = sourceOf(item);
  if (!source) return undefined;
  try {
    const { SERVICE_PHONE, SERVICE_EMAIL, BRAND_WEBSITE } = settings();
    const message = renderMessage(source.type, source.language, source.data as never, {
      brandName: setting('BRAND_NAME'),
      servicePhone: SERVICE_PHONE,
      serviceEmail: SERVICE_EMAIL,
      website: BRAND_WEBSITE,
      timeZone: source.timeZone,
    });
    return {
      subject: message.subject,
      text: source.channel === 'sms' && message.sms ? message.sms : message.text,
      templateVersion: message.templateVersion,
    };
  } catch {
    // a message type whose template is gone: the export still lists the message as logged
    return undefined;
  }
}
