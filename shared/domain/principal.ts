/**
 * Who is acting, as the domain sees them: a role and, for agents and leads, a team. How the
 * claims are read from a request is the HTTP edge's business (shared/http/principal.ts).
 */
import type { Role } from '../contracts/roles';

export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** Agents and leads work within one team; admins have none. */
  readonly team: string | undefined;
}
