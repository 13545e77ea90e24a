/**
 * The local stand-in for Cognito and the HTTP API's JWT authorizer: `/dev/token` issues ID tokens
 * shaped like Cognito's (groups = role, `custom:team`), and routes with jwt auth verify signature,
 * issuer, audience and expiry the same way the authorizer does, then pass the claims on.
 */
import { type CryptoKey, generateKeyPair, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { type Role, roles } from '#shared/contracts/roles';

export const LOCAL_AUDIENCE = 'complaint-care-local';
const TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface TokenRequest {
  readonly sub: string;
  readonly role: Role;
  readonly team?: string;
}

export class LocalIdentityProvider {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly issuer: string,
  ) {}

  static async create(issuer: string): Promise<LocalIdentityProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    return new LocalIdentityProvider(privateKey, publicKey, issuer);
  }

  static parseRequest(body: unknown): TokenRequest {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.sub !== 'string' || b.sub.length === 0) throw new Error('sub is required');
    if (!roles.includes(b.role as Role)) throw new Error(`role must be one of ${roles.join(', ')}`);
    if (b.team !== undefined && typeof b.team !== 'string') throw new Error('team must be a string');
    return { sub: b.sub, role: b.role as Role, team: b.team as string | undefined };
  }

  async issue(request: TokenRequest, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      'cognito:groups': [request.role],
      ...(request.team ? { 'custom:team': request.team } : {}),
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'local' })
      .setSubject(request.sub)
      .setIssuer(this.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_LIFETIME_SECONDS)
      .sign(this.privateKey);
  }

  /** Verified claims in the HTTP API's shape (arrays as "[a b]", everything a string), or undefined. */
  async verify(authorization: string | undefined, now: Date): Promise<Record<string, string> | undefined> {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (!match) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, this.publicKey, {
        issuer: this.issuer,
        audience: LOCAL_AUDIENCE,
        currentDate: now,
        algorithms: ['RS256'],
      }));
    } catch {
      return undefined;
    }
    const claims: Record<string, string> = {};
    for (const [key, value] of Object.entries(payload)) {
      claims[key] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
    }
    return claims;
  }
}
