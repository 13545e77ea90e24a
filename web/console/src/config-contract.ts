/**
 * The contract of `/console/config.json`, the console's runtime configuration: one build serves
 * every stage, the local cloud answers the dev one and the CDK deployment writes the Cognito one.
 * Types only, so the CDK app and the local cloud share it without pulling in browser code.
 */
export type SignInConfig =
  | { readonly kind: 'dev' }
  | {
      readonly kind: 'cognito';
      /** https://cognito-idp.<region>.amazonaws.com/<userPoolId> */
      readonly authority: string;
      readonly clientId: string;
      /** The managed login domain, https://<prefix>.auth.<region>.amazoncognito.com */
      readonly domain: string;
      readonly redirectPath: string;
      readonly signedOutPath: string;
    };

export interface ConsoleConfig {
  readonly stage: string;
  /** "" means the console's own origin (the local cloud serves both). */
  readonly apiBaseUrl: string;
  readonly signIn: SignInConfig;
}
