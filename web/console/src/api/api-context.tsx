/** One API client and one query cache for the console, authorized by the current session. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useRef } from 'react';
import { useAuth } from '../auth/auth';
import { ApiProblem, type CaseApi, createCaseApi } from './client';

const ApiContext = createContext<CaseApi | undefined>(undefined);

export function ApiProvider(props: { baseUrl: string; children: ReactNode }) {
  const auth = useAuth();
  const authRef = useRef(auth);
  authRef.current = auth;
  const api = useMemo(
    () =>
      createCaseApi({
        baseUrl: props.baseUrl,
        token: () => authRef.current.session?.token,
        onUnauthenticated: () => authRef.current.sessionEnded(),
      }),
    [props.baseUrl],
  );
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // a refusal (4xx) will not change by asking again; a failure of the network might
            retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
            refetchOnWindowFocus: false,
          },
        },
      }),
    [],
  );
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{props.children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

export function useApi(): CaseApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
