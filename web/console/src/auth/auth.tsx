/**
 * The signed-in session for the whole console. Local stages sign in through the local cloud's
 * `/dev/token`; AWS stages through Cognito (auth/cognito.ts, loaded on demand). When the API
 * answers 401 the session has ended (expired, or the local clock jumped past it): the person is
 * sent to sign in and then back to the same page, where the drafts they typed are still kept.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '#shared/contracts/roles';
import type { ConsoleConfig } from '../config';
import type { CognitoSignIn } from './cognito';
import { type Session, sessionFromIdToken } from './staff';

const DEV_SESSION_KEY = 'console.session';
const EXPIRED_KEY = 'console.session-expired';

export interface Auth {
  readonly session: Session | undefined;
  /** True while a kept session is being restored after a page load. */
  readonly restoring: boolean;
  readonly signInKind: ConsoleConfig['signIn']['kind'];
  /** True when the last session ended on its own (shown on the sign-in page). */
  readonly expired: boolean;
  signInDev(request: { sub: string; role: Role; team?: string }): Promise<void>;
  /** Starts signing in; afterwards the console opens `returnTo` (a path inside the console). */
  beginSignIn(returnTo: string): void;
  completeCognitoSignIn(): Promise<string>;
  sessionEnded(): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider(props: { config: ConsoleConfig; children: ReactNode }) {
  const { config } = props;
  const navigate = useNavigate();
  const location = useLocation();
  const [session, setSession] = useState<Session | undefined>(() => {
    if (config.signIn.kind !== 'dev') return undefined;
    const kept = sessionStorage.getItem(DEV_SESSION_KEY);
    return kept ? sessionFromIdToken(kept) : undefined;
  });
  const [restoring, setRestoring] = useState(config.signIn.kind === 'cognito');
  const [expired, setExpired] = useState(() => sessionStorage.getItem(EXPIRED_KEY) === 'true');
  const cognito = useRef<Promise<CognitoSignIn> | undefined>(undefined);
  const here = `${location.pathname}${location.search}`;
  const hereRef = useRef(here);
  hereRef.current = here;

  const cognitoClient = useCallback(() => {
    const signIn = config.signIn;
    if (signIn.kind !== 'cognito') throw new Error('not a Cognito stage');
    cognito.current ??= import('./cognito').then((m) => m.cognitoSignIn(signIn));
    return cognito.current;
  }, [config.signIn]);

  useEffect(() => {
    if (config.signIn.kind !== 'cognito') return;
    let unsubscribe: (() => void) | undefined;
    void cognitoClient().then(async (client) => {
      unsubscribe = client.onRenewed(setSession);
      setSession(await client.restore());
      setRestoring(false);
    });
    return () => unsubscribe?.();
  }, [config.signIn.kind, cognitoClient]);

  const beginSignIn = useCallback(
    (returnTo: string) => {
      if (config.signIn.kind === 'cognito') void cognitoClient().then((c) => c.begin(returnTo));
      else navigate(`/sign-in?${new URLSearchParams({ returnTo })}`);
    },
    [config.signIn.kind, cognitoClient, navigate],
  );

  const auth = useMemo<Auth>(
    () => ({
      session,
      restoring,
      signInKind: config.signIn.kind,
      expired,
      async signInDev(request) {
        const response = await fetch(`${config.apiBaseUrl}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
        const body = (await response.json().catch(() => ({}))) as { token?: string; detail?: string };
        if (!response.ok || !body.token) throw new Error(body.detail ?? `HTTP ${response.status}`);
        const next = sessionFromIdToken(body.token);
        if (!next) throw new Error('the token names no console role');
        sessionStorage.setItem(DEV_SESSION_KEY, body.token);
        sessionStorage.removeItem(EXPIRED_KEY);
        setExpired(false);
        setSession(next);
      },
      beginSignIn,
      async completeCognitoSignIn() {
        const { session: next, returnTo } = await (await cognitoClient()).complete();
        sessionStorage.removeItem(EXPIRED_KEY);
        setExpired(false);
        setSession(next);
        return returnTo;
      },
      sessionEnded() {
        sessionStorage.removeItem(DEV_SESSION_KEY);
        sessionStorage.setItem(EXPIRED_KEY, 'true');
        setExpired(true);
        setSession(undefined);
        if (config.signIn.kind === 'cognito') void cognitoClient().then((c) => c.forget());
        beginSignIn(hereRef.current);
      },
      signOut() {
        sessionStorage.removeItem(DEV_SESSION_KEY);
        setSession(undefined);
        if (config.signIn.kind === 'cognito') void cognitoClient().then((c) => c.signOut());
        else navigate('/sign-in');
      },
    }),
    [session, restoring, expired, config, beginSignIn, cognitoClient, navigate],
  );

  return <AuthContext.Provider value={auth}>{props.children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Pages behind sign-in: without a session, sign in first and come back here. */
export function RequireSession(props: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}`;
  const missing = !auth.session && !auth.restoring;
  useEffect(() => {
    if (missing) auth.beginSignIn(returnTo);
  }, [missing, auth, returnTo]);
  return auth.session ? props.children : null;
}
