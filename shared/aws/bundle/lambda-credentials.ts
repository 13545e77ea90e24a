/**
 * The credential chain of a deployed function, put in place of `@aws-sdk/credential-provider-node`
 * by the bundle's alias (infra/bundling.ts). Lambda hands every function its role's credentials in
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, valid for the execution
 * environment's life, which is the first link of the SDK's default chain and the only one that ever
 * answers on Lambda. The rest of that chain (SSO, ini profiles, credential_process, web identity,
 * container and instance metadata) bundles STS/SSO clients (`@aws-sdk/nested-clients`, ~58 KB) no
 * function uses. Code run unbundled (the local cloud, tests, benches) keeps the SDK's full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type EnvInit = Parameters<typeof fromEnv>[0];

/** Same name and call shape as the SDK's `defaultProvider`, which every client's runtime config calls. */
export const defaultProvider = (init?: EnvInit) => fromEnv(init);
