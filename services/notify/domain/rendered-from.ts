/**
 * What the message log keeps of a message once it is sent, for as long as it keeps the message
 * (rule Messages/message): enough to render it again for the customer's access export (type,
 * channel, language, time zone, template data), never where it went. The recipient's address is
 * transport only and goes at send; so do the tokens of signed links (status page, rating,
 * unsubscribe, reply), which open a page to whoever holds them: a kept link is the page it opens,
 * without its query or fragment, so a re-rendered message shows the link as sent minus its token.
 */
import type { Language } from '#shared/contracts/vocabulary';
import type { MessageType, NotificationRequest } from './notification';

export interface RenderedFrom {
  readonly type: MessageType;
  readonly channel: 'email' | 'sms';
  readonly language: Language;
  readonly timeZone: string;
  readonly data: Record<string, unknown>;
}

/** The renderer's link placeholders (render.ts): every `…Url` field of the data. */
const LINK_FIELD = /Url$/;

/**
 * The page a link opens: scheme, host and path. Every link loses its query and fragment, not only
 * the signed ones (shared/links and the unsubscribe links carry their token in the query), so a
 * link type added later cannot keep a credential by being left off a list. Anything but http(s)
 * goes: the renderer would refuse it anyway.
 */
function pageOf(link: string): string | undefined {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

export function renderedFrom(request: NotificationRequest): RenderedFrom {
  const { type, recipient } = request;
  const address = recipient.address.trim().toLowerCase();
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(request.data)) {
    if (value === undefined) continue;
    // no type puts the address in its data today; one that did would not keep it past the send
    if (typeof value === 'string' && address && value.trim().toLowerCase() === address) continue;
    if (typeof value === 'string' && LINK_FIELD.test(field)) {
      const page = pageOf(value);
      if (page) data[field] = page;
      continue;
    }
    data[field] = value;
  }
  return {
    type,
    channel: recipient.channel,
    language: recipient.language,
    timeZone: recipient.timeZone,
    data,
  };
}
