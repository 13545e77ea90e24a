/**
 * Facts derived from the topology that several constructs need: which services exist, what a
 * function may touch, which roles guard its routes. Derived here once, so CDK never restates them.
 */
import type { SecretName } from '#shared/aws/secrets';
import type { TableId } from '#shared/contracts/tables';
import type { Role, ServiceName, TableAccess, Topology } from './topology-types';

export function servicesOf(topology: Topology): ServiceName[] {
  return [...new Set(Object.values(topology.functions).map((f) => f.service))].sort();
}

export function functionsOf(topology: Topology, service: ServiceName): string[] {
  return Object.entries(topology.functions)
    .filter(([, spec]) => spec.service === service)
    .map(([name]) => name);
}

/** `"<METHOD> <path>"`, the HTTP API's route key and the key of ROUTE_ROLES. */
export function routeKeyOf(route: { readonly method: string; readonly path: string }): string {
  return `${route.method} ${route.path}`;
}

/** Roles allowed per route key, for the function's jwt routes; undefined when it serves none. */
export function routeRolesOf(topology: Topology, fn: string): Record<string, readonly Role[]> | undefined {
  const entries = topology.routes
    .filter((r) => r.function === fn)
    .flatMap((r) => (r.auth.kind === 'jwt' ? [[routeKeyOf(r), r.auth.roles] as const] : []));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Two grants on one table combine to the wider one; read and write together are readWrite. */
function widen(current: TableAccess | undefined, extra: TableAccess): TableAccess {
  return !current || current === extra ? extra : 'readWrite';
}

/**
 * Table access of a function: what it declares, plus read-write on every table whose stream it
 * consumes, because a stream consumer (the outbox relay) marks the items it has handled on the
 * table the record came from (the name comes from the stream ARN, not an env variable).
 */
export function tableAccessOf(topology: Topology, fn: string): Partial<Record<TableId, TableAccess>> {
  const access: Partial<Record<TableId, TableAccess>> = { ...topology.functions[fn]?.tables };
  for (const stream of topology.streams) {
    if (stream.function === fn) access[stream.table] = widen(access[stream.table], 'readWrite');
  }
  return access;
}

/**
 * Secrets a function reads: what it declares, plus the hotline (or core events) signing secret for
 * every function behind a route signed with it, so that on AWS a signed route always verifies against the real
 * secret and never against the documented local default.
 */
export function secretsReadBy(topology: Topology, fn: string): SecretName[] {
  const spec = topology.functions[fn];
  const signsHotline = topology.routes.some((r) => r.function === fn && r.auth.kind === 'hotline-signature');
  const signsCoreEvents = topology.routes.some(
    (r) => r.function === fn && r.auth.kind === 'core-events-signature',
  );
  return [
    ...(spec?.readsHotlineSecret || signsHotline ? (['hotline-signing'] as const) : []),
    ...(signsCoreEvents ? (['core-events-signing'] as const) : []),
    ...(spec?.readsPiiHashKey ? (['pii-hash-key'] as const) : []),
    ...(spec?.readsUnsubscribeSecret ? (['unsubscribe-signing'] as const) : []),
    ...(spec?.readsCustomerLinkSecret ? (['customer-link-signing'] as const) : []),
    ...(spec?.readsReplySecret ? (['reply-signing'] as const) : []),
  ];
}
