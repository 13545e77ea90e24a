/**
 * "Near-identical" complaint texts: the Dice coefficient of character bigrams after removing
 * case, spaces and punctuation. Works the same for Chinese (no word spaces) and English.
 */
export const NEAR_IDENTICAL = 0.9;

function normalize(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const counts = new Map<string, number>();
  if (chars.length === 1) counts.set(chars[0]!, 1);
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function textSimilarity(a: string, b: string): number {
  const [na, nb] = [normalize(a), normalize(b)];
  if (na === nb) return 1;
  const [ga, gb] = [bigrams(na), bigrams(nb)];
  let overlap = 0;
  let total = 0;
  for (const [gram, count] of ga) {
    overlap += Math.min(count, gb.get(gram) ?? 0);
    total += count;
  }
  for (const count of gb.values()) total += count;
  return total === 0 ? 0 : (2 * overlap) / total;
}

export function isNearIdentical(a: string, b: string): boolean {
  return textSimilarity(a, b) >= NEAR_IDENTICAL;
}
