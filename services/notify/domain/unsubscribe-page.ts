/**
 * The small bilingual pages of an unsubscribe link. Opening the link only shows a button: mail
 * scanners fetch links before the customer ever sees them, so a GET must never unsubscribe.
 */
import type { ConsentKind } from '#shared/contracts/customer-profile';

const KIND_LABEL: Record<ConsentKind, { zh: string; en: string }> = {
  service: {
    zh: '服务提醒（保单检视、续期提醒、回访）',
    en: 'service reminders (policy reviews, premium reminders, surveys)',
  },
  marketing: {
    zh: '关怀与营销消息（节日及生日问候等）',
    en: 'care and marketing messages (festival and birthday greetings)',
  },
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6}button{font-size:1rem;padding:.5rem 1.25rem}</style>
</head><body>${body}</body></html>`;
}

/** The confirmation page a GET answers: the button posts the same link. */
export function confirmationPage(kind: ConsentKind, actionPath: string): string {
  const label = KIND_LABEL[kind];
  return page(
    '退订确认 / Confirm unsubscribe',
    `<h1>退订确认</h1><p>确认后，您将不再收到${label.zh}。</p>
<h1 lang="en">Confirm unsubscribe</h1><p lang="en">Once you confirm, you will no longer receive ${label.en}.</p>
<form method="post" action="${escapeHtml(actionPath)}"><button type="submit">确认退订 / Unsubscribe</button></form>`,
  );
}

/** The page a POST answers, also when the consent was already withdrawn. */
export function unsubscribedPage(kind: ConsentKind): string {
  const label = KIND_LABEL[kind];
  return page(
    '已退订 / Unsubscribed',
    `<h1>已退订</h1><p>您将不再收到${label.zh}。投诉处理相关的通知不受影响。</p>
<h1 lang="en">Unsubscribed</h1><p lang="en">You will no longer receive ${label.en}. Messages about a complaint you made are not affected.</p>`,
  );
}
