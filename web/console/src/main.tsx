/**
 * The console's entry: reads the stage's config.json, loads Cloudscape's strings for the one
 * language in use, then renders the routes. Pages are loaded per route (routes.tsx).
 */
import '@cloudscape-design/global-styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';
import { loadConfig } from './config';
import { currentLocale } from './i18n/locale';
import { translate } from './i18n/messages';

const BASE = import.meta.env.BASE_URL; // "/console/"
const root = createRoot(document.getElementById('root')!);
const locale = currentLocale();
document.documentElement.lang = locale;

try {
  const [config, cloudscapeMessages] = await Promise.all([
    loadConfig(BASE),
    locale === 'en'
      ? import('@cloudscape-design/components/i18n/messages/all.en').then((m) => m.default)
      : import('@cloudscape-design/components/i18n/messages/all.zh-CN').then((m) => m.default),
  ]);
  root.render(
    <StrictMode>
      <BrowserRouter basename={BASE.replace(/\/$/, '')}>
        <App config={config} locale={locale} cloudscapeMessages={cloudscapeMessages} />
      </BrowserRouter>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p role="alert">{translate(locale, 'configProblem', { detail: (error as Error).message })}</p>);
}
