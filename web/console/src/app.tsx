/** Providers in the order they depend on each other: language, session, API, then the routes. */
import type { I18nProvider } from '@cloudscape-design/components/i18n';
import { useRoutes } from 'react-router-dom';
import { ApiProvider } from './api/api-context';
import { AuthProvider } from './auth/auth';
import type { ConsoleConfig } from './config';
import { ConsoleI18n } from './i18n/i18n';
import type { Locale } from './i18n/messages';
import { ConfigContext } from './layout/config-context';
import { consoleRoutes } from './routes';

export function App(props: {
  config: ConsoleConfig;
  locale: Locale;
  cloudscapeMessages: Parameters<typeof I18nProvider>[0]['messages'][number];
}) {
  const routes = useRoutes(consoleRoutes);
  return (
    <ConfigContext.Provider value={props.config}>
      <ConsoleI18n locale={props.locale} cloudscapeMessages={props.cloudscapeMessages}>
        <AuthProvider config={props.config}>
          <ApiProvider baseUrl={props.config.apiBaseUrl}>{routes}</ApiProvider>
        </AuthProvider>
      </ConsoleI18n>
    </ConfigContext.Provider>
  );
}
