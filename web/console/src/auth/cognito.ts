/**
 * Cognito managed login: authorization code flow with PKCE through oidc-client-ts, tokens kept in
 * the tab's sessionStorage, renewed silently with the refresh token before they expire. Loaded only
 * when the stage's config names Cognito, so the local console never ships it in its first screen.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInConfig } from '../config';
import { type Session, sessionFromIdToken } from './staff';

type CognitoConfig = Extract<SignInConfig, { kind: 'cognito' }>;

export interface CognitoSignIn {
  restore(): Promise<Session | undefined>;
  begin(returnTo: string): Promise<void>;
  /** Completes the redirect back from managed login; answers the page to return to. */
  complete(): Promise<{ session: Session; returnTo: string }>;
  forget(): Promise<void>;
  signOut(): Promise<void>;
  onRenewed(listener: (session: Session | undefined) => void): () => void;
}

export function cognitoSignIn(config: CognitoConfig): CognitoSignIn {
  const origin = window.location.origin;
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${config.redirectPath}`,
    post_logout_redirect_uri: `${origin}${config.signedOutPath}`,
    response_type: 'code',
    scope: 'openid email profile',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Cognito's discovery document names no end-session endpoint; its managed login has /logout
    metadataSeed: { end_session_endpoint: `${config.domain}/logout` },
  });
  const toSession = (idToken: string | undefined) => (idToken ? sessionFromIdToken(idToken) : undefined);
  return {
    async restore() {
      const user = await manager.getUser();
      return user && !user.expired ? toSession(user.id_token) : undefined;
    },
    async begin(returnTo) {
      await manager.signinRedirect({ state: { returnTo } });
    },
    async complete() {
      const user = await manager.signinRedirectCallback();
      const session = toSession(user.id_token);
      if (!session) throw new Error('the account is in no console group (agent, lead, admin)');
      const state = user.state as { returnTo?: string } | undefined;
      return { session, returnTo: state?.returnTo ?? '/' };
    },
    async forget() {
      await manager.removeUser();
    },
    async signOut() {
      await manager.removeUser();
      // Cognito's logout takes client_id and logout_uri rather than the OIDC parameters
      const query = new URLSearchParams({
        client_id: config.clientId,
        logout_uri: `${origin}${config.signedOutPath}`,
      });
      window.location.assign(`${config.domain}/logout?${query}`);
    },
    onRenewed(listener) {
      const loaded = (user: { id_token?: string }) => listener(toSession(user.id_token));
      const unloaded = () => listener(undefined);
      manager.events.addUserLoaded(loaded);
      manager.events.addUserUnloaded(unloaded);
      return () => {
        manager.events.removeUserLoaded(loaded);
        manager.events.removeUserUnloaded(unloaded);
      };
    },
  };
}
