/**
 * The console's runtime configuration, fetched from `/console/config.json` at start (its contract
 * is config-contract.ts).
 * Checked by hand rather than with zod, to keep the contracts out of the first screen's bundle.
 */
import type { ConsoleConfig, SignInConfig } from './config-contract';

export type { ConsoleConfig, SignInConfig };

export class ConfigProblem extends Error {}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The configuration or a ConfigProblem naming every field that is missing or wrong. */
export function parseConfig(raw: unknown): ConsoleConfig {
  const problems: string[] = [];
  const c = (raw ?? {}) as Record<string, unknown>;
  if (!isText(c.stage) || c.stage === '') problems.push('stage');
  if (!isText(c.apiBaseUrl)) problems.push('apiBaseUrl');
  const s = (c.signIn ?? {}) as Record<string, unknown>;
  if (s.kind === 'cognito') {
    for (const field of ['authority', 'clientId', 'domain', 'redirectPath', 'signedOutPath'] as const)
      if (!isText(s[field]) || s[field] === '') problems.push(`signIn.${field}`);
  } else if (s.kind !== 'dev') problems.push('signIn.kind');
  if (problems.length > 0) throw new ConfigProblem(`config.json: ${problems.join(', ')}`);
  return {
    stage: c.stage as string,
    apiBaseUrl: (c.apiBaseUrl as string).replace(/\/$/, ''),
    signIn: s as unknown as SignInConfig,
  };
}

export async function loadConfig(base: string): Promise<ConsoleConfig> {
  const response = await fetch(`${base}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new ConfigProblem(`config.json answered ${response.status}`);
  return parseConfig(await response.json());
}
