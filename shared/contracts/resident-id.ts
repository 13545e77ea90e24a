/**
 * Mainland China resident identity numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2
 * check character, with a real date of birth inside.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Date of birth as YYYY-MM-DD, or undefined when the number is not a valid resident ID. */
export function residentIdBirthDate(id: string): string | undefined {
  const normalized = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(normalized)) return undefined;
  if (residentIdCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) return undefined;
  const [y, m, d] = [normalized.slice(6, 10), normalized.slice(10, 12), normalized.slice(12, 14)];
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== `${y}-${m}-${d}` ||
    Number(y) < 1900
  ) {
    return undefined;
  }
  return `${y}-${m}-${d}`;
}

export function isValidResidentId(id: string): boolean {
  return residentIdBirthDate(id) !== undefined;
}

/** `110***********4514`: enough for an agent to confirm with the caller, useless to anyone else. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}
