/**
 * Who is calling: claims of the Cognito ID token that the HTTP API's JWT authorizer (or the local
 * cloud's equivalent) has already verified. Groups carry the role, `custom:team` the team.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Role } from '../contracts/roles';
import type { Principal } from '../domain/principal';

export type { Principal };

const ROLE_RANK: readonly Role[] = ['admin', 'lead', 'agent'];

/** The HTTP API hands array claims over as `"[a b]"`; the local cloud does the same. */
function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = (event as Partial<APIGatewayProxyEventV2WithJWTAuthorizer>).requestContext?.authorizer?.jwt
    ?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = claimList(claims['cognito:groups']);
  const role = ROLE_RANK.find((r) => groups.includes(r));
  if (!role) return undefined;
  const team = typeof claims['custom:team'] === 'string' ? claims['custom:team'] : undefined;
  return { sub: claims.sub, role, team };
}
