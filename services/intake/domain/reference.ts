/**
 * Human references for complaints: `CMP-YYYYMMDD-XXXXXX`, the date of receipt in the company's
 * time zone and six Crockford base-32 characters (no I, L, O, U: easy to read out on the phone).
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

export function newReference(
  receivedAt: Date,
  timeZone: string,
  random: (max: number) => number = randomInt,
): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[random(ALPHABET.length)];
  return `CMP-${localDate(receivedAt, timeZone)}-${suffix}`;
}
