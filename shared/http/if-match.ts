/** The `If-Match` header of a versioned resource (cases, rectifications): `"7"`, `W/"7"` or `7` → 7. */
import { ValidationFailed } from './errors';

export function versionOf(ifMatch: string | undefined, what = 'resource'): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match)
    throw new ValidationFailed([
      { path: 'headers.if-match', message: `Must be the ETag of the ${what}, e.g. "3"` },
    ]);
  return Number(match[1]);
}
