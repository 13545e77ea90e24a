/**
 * Human references for complaints: `CMP-YYYYMMDD-XXXXXX`, the date of receipt in the company's
 * time zone and six Crockford base-32 characters (no I, L, O, U: easy to read out on the phone).
 */
import { randomInt } from 'node:crypto';
import { localDateIn } from '#shared/calendar/zoned-time';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(
  receivedAt: Date,
  timeZone: string,
  random: (max: number) => number = randomInt,
): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[random(ALPHABET.length)];
  return `CMP-${localDateIn(receivedAt, timeZone).replaceAll('-', '')}-${suffix}`;
}
