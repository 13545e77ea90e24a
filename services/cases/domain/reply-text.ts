/**
 * The customer's own words in an emailed reply: mail clients append the message they answer (the
 * insurer's request, with the reference and perhaps personal data), and the timeline should carry
 * what the customer wrote, not our own letter back. Cuts at the first line that starts a quoted
 * history or a signature, and drops `>`-quoted lines. Pure.
 */

/** Lines that start what the customer's client appended: the history, or a signature. */
const HISTORY_STARTS: readonly RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 7 Dec 2026 at 09:00, X <x@y> wrote:"
  /^On\b.{0,300}\bwrote:\s*$/i,
  // the same in Chinese clients: "在 2026年12月7日 09:00，X 写道：" / "X 于 2026年12月7日 写道："
  /^.{0,300}写道[:：]\s*$/,
  // Outlook and Foxmail's headers block, English and Chinese
  /^-{2,}\s*(Original Message|Forwarded message|原始邮件|转发邮件)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|发件人)\s*[:：]\s*\S/,
  // a signature: "-- " (RFC 3676), and the mobile clients' sent-from lines
  /^--\s?$/,
  /^(Sent from my |发自我的)/,
];

/** A quoted line may be quoted itself: "> > …". */
const QUOTED = /^\s*>/;

export function replyText(body: string): string {
  const kept: string[] = [];
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const bare = line.trimEnd();
    if (HISTORY_STARTS.some((start) => start.test(bare.trim()))) break;
    if (QUOTED.test(bare)) continue;
    kept.push(bare);
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
