/**
 * Who is signed in, read from the ID token's claims as the API's JWT authorizer reads them:
 * Cognito groups give the role, `custom:team` the team.
 */
import { type Role, roles } from '#shared/contracts/roles';

export interface Staff {
  readonly sub: string;
  readonly role: Role;
  readonly team?: string;
}

export interface Session {
  readonly token: string;
  readonly staff: Staff;
  /** Epoch ms the token expires, by the issuer's clock. */
  readonly expiresAt: number;
}

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
    c.charCodeAt(0),
  );
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** The session an ID token opens, or undefined when the token names no console role. */
export function sessionFromIdToken(token: string): Session | undefined {
  let claims: Record<string, unknown>;
  try {
    claims = decodePayload(token);
  } catch {
    return undefined;
  }
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  // the most powerful group wins, as the API's principal reading does
  const role = [...roles].reverse().find((r) => groups.includes(r));
  if (!role || typeof claims.sub !== 'string') return undefined;
  const team = typeof claims['custom:team'] === 'string' ? claims['custom:team'] : undefined;
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  return { token, staff: { sub: claims.sub, role, ...(team ? { team } : {}) }, expiresAt: exp };
}
