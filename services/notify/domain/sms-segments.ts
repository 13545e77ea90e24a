/**
 * What an SMS text costs: its encoding and number of parts, as operators count them.
 */

export interface SmsSegments {
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  /** In septets (GSM-7, where ^{}\[~]|€ take two) or UTF-16 code units (UCS-2). */
  length: number;
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Sent as escape + character: two septets each. */
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

/**
 * How many SMS a text costs. GSM-7 when every character is in the GSM 03.38 alphabet (160 septets
 * in one SMS, 153 per part of a longer one); otherwise UCS-2 (70 / 67 code units), which any
 * Chinese character forces. Parts never split an escape sequence or a surrogate pair.
 */
export function smsSegments(text: string): SmsSegments {
  const characters = [...text];
  const gsm = characters.every((char) => GSM_BASIC.has(char) || GSM_EXTENDED.has(char));
  return gsm
    ? segmentsOf(
        'GSM-7',
        characters.map((char) => (GSM_EXTENDED.has(char) ? 2 : 1)),
        160,
        153,
      )
    : segmentsOf(
        'UCS-2',
        characters.map((char) => char.length),
        70,
        67,
      );
}

function segmentsOf(
  encoding: SmsSegments['encoding'],
  units: readonly number[],
  single: number,
  perPart: number,
): SmsSegments {
  const length = units.reduce((sum, unit) => sum + unit, 0);
  if (length === 0) return { segments: 0, encoding, length };
  if (length <= single) return { segments: 1, encoding, length };
  let segments = 1;
  let used = 0;
  for (const unit of units) {
    if (used + unit > perPart) {
      segments += 1;
      used = 0;
    }
    used += unit;
  }
  return { segments, encoding, length };
}
