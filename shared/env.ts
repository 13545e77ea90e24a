/**
 * Names of the environment variables CDK sets on functions and the local cloud sets in-process.
 * Table variables come from shared/contracts/tables.ts (`envVar`), secrets' from shared/aws/secrets.ts.
 */
export const ENV = {
  stage: 'STAGE',
  eventBusName: 'EVENT_BUS_NAME',
  /** JSON map `"<METHOD> <path>"` → roles allowed, derived from the topology's jwt routes. */
  routeRoles: 'ROUTE_ROLES',
  /** Queue URLs a function sends to directly: `QUEUE_URL_<QUEUE_NAME_UPPER_SNAKE>`. */
  queueUrlPrefix: 'QUEUE_URL_',
} as const;

export function queueUrlEnvVar(queue: string): string {
  return `${ENV.queueUrlPrefix}${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
