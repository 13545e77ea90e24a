/**
 * Secrets a function may read: from Secrets Manager on AWS (the ARN comes from the environment
 * CDK sets), from a plain environment variable locally, with a documented local default. Each
 * value is fetched once per cold start; a failed fetch is retried on the next call.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const secretNames = [
  'hotline-signing',
  'pii-hash-key',
  'unsubscribe-signing',
  'customer-link-signing',
  'reply-signing',
  'core-events-signing',
] as const;
export type SecretName = (typeof secretNames)[number];

interface SecretSource {
  /** Environment variable holding the Secrets Manager ARN (set by CDK). */
  readonly arnEnvVar: string;
  /** Environment variable holding the value itself (local cloud only). */
  readonly localEnvVar: string;
  /** Used locally when neither is set; documented in the README. */
  readonly localDefault: string;
}

export const secretSources: Record<SecretName, SecretSource> = {
  'hotline-signing': {
    arnEnvVar: 'HOTLINE_SECRET_ARN',
    localEnvVar: 'HOTLINE_SECRET',
    localDefault: 'local-hotline-secret-change-me',
  },
  'pii-hash-key': {
    arnEnvVar: 'PII_HASH_KEY_ARN',
    localEnvVar: 'PII_HASH_KEY',
    localDefault: 'local-pii-hash-key-change-me',
  },
  'unsubscribe-signing': {
    arnEnvVar: 'UNSUBSCRIBE_SECRET_ARN',
    localEnvVar: 'UNSUBSCRIBE_SECRET',
    localDefault: 'local-unsubscribe-secret-change-me',
  },
  'customer-link-signing': {
    arnEnvVar: 'CUSTOMER_LINK_SECRET_ARN',
    localEnvVar: 'CUSTOMER_LINK_SECRET',
    localDefault: 'local-customer-link-secret-change-me',
  },
  'reply-signing': {
    arnEnvVar: 'REPLY_SECRET_ARN',
    localEnvVar: 'REPLY_SECRET',
    localDefault: 'local-reply-secret-change-me',
  },
  'core-events-signing': {
    arnEnvVar: 'CORE_EVENTS_SECRET_ARN',
    localEnvVar: 'CORE_EVENTS_SECRET',
    localDefault: 'local-core-events-secret-change-me',
  },
};

const cache = new Map<SecretName, Promise<string>>();
let client: SecretsManagerClient | undefined;

export function secretValue(name: SecretName): Promise<string> {
  let value = cache.get(name);
  if (!value) {
    const source = secretSources[name];
    value = (async () => {
      const arn = process.env[source.arnEnvVar];
      if (!arn) return process.env[source.localEnvVar] || source.localDefault;
      // Loaded here, not at module scope: only deployed functions that read a secret pay for it.
      const { GetSecretValueCommand, SecretsManagerClient } = await import('#shared/aws/sdk/secrets-manager');
      client ??= new SecretsManagerClient({});
      const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (!result.SecretString) throw new Error(`secret ${name} is empty`);
      return result.SecretString;
    })();
    value.catch(() => cache.delete(name));
    cache.set(name, value);
  }
  return value;
}
