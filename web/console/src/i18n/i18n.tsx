/** The console's language in React: the app's own words and Cloudscape's, from one locale. */
import { I18nProvider } from '@cloudscape-design/components/i18n';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type Locale, type MessageKey, translate, vocabularyKey } from './messages';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  /** Dates and times for people: the browser's time zone, the console's language. */
  readonly formatInstant: (iso: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function ConsoleI18n(props: {
  locale: Locale;
  // Cloudscape's messages for this locale only, loaded before the first render
  cloudscapeMessages: Parameters<typeof I18nProvider>[0]['messages'][number];
  children: ReactNode;
}) {
  const value = useMemo<I18n>(() => {
    const format = new Intl.DateTimeFormat(props.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale: props.locale,
      t: (key, vars) => translate(props.locale, key, vars),
      formatInstant: (iso) => format.format(new Date(iso)),
    };
  }, [props.locale]);
  return (
    <I18nContext.Provider value={value}>
      <I18nProvider locale={props.locale} messages={[props.cloudscapeMessages]}>
        {props.children}
      </I18nProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside ConsoleI18n');
  return i18n;
}

/** A vocabulary value in the console's language (`label('status', 'in-progress')`). */
export function useLabel(): (prefix: string, value: string | undefined | null) => string {
  const { t } = useI18n();
  return (prefix, value) => {
    if (!value) return '—';
    const key = vocabularyKey(prefix, value);
    return key ? t(key) : value;
  };
}
