/**
 * EventBridge event-pattern matching for the local bus: exact values, `prefix`, `anything-but`
 * and `exists`, nested objects, arrays on the event side (any element may match). Rules built by
 * `eventPatternOf` use only exact values; the rest keeps hand-written patterns honest.
 */
type Pattern = { readonly [key: string]: Pattern | readonly unknown[] };

function matchesValue(condition: unknown, value: unknown, present: boolean): boolean {
  if (condition !== null && typeof condition === 'object') {
    const c = condition as Record<string, unknown>;
    if ('exists' in c) return c.exists === present;
    if (!present) return false;
    if ('prefix' in c) return typeof value === 'string' && value.startsWith(String(c.prefix));
    if ('anything-but' in c) {
      const excluded = Array.isArray(c['anything-but']) ? c['anything-but'] : [c['anything-but']];
      return !excluded.includes(value);
    }
    throw new Error(`unsupported event pattern operator: ${Object.keys(c).join(', ')}`);
  }
  return present && condition === value;
}

export function matchesPattern(pattern: Pattern, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, condition]) => {
    const present = key in event && event[key] !== undefined;
    const value = event[key];
    if (Array.isArray(condition)) {
      const values = Array.isArray(value) ? value : [value];
      return condition.some((c) => values.some((v) => matchesValue(c, v, present)));
    }
    if (!present || value === null || typeof value !== 'object') return false;
    return matchesPattern(condition as Pattern, value as Record<string, unknown>);
  });
}
