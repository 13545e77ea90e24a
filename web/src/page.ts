/**
 * What the customer's pages (status, rating) share: the language (?lang=, else the browser's), the
 * words filled into `data-i18n` slots, the switch between zh-CN and en, and the API's address.
 */
import type { Language } from '#shared/contracts/vocabulary';

declare global {
  interface Window {
    COMPLAINT_CARE_CONFIG?: { apiBase: string };
  }
}

export type Words = Record<string, string>;

export const apiBase = () => window.COMPLAINT_CARE_CONFIG?.apiBase ?? '';
export const query = new URLSearchParams(window.location.search);

/** The language the visitor asked for in the address, if any. */
export const askedLanguage = (): Language | undefined => {
  const lang = query.get('lang');
  return lang === 'en' || lang === 'zh-CN' ? lang : undefined;
};

export function pageLanguage(words: Record<Language, Words>, onChange: () => void) {
  let language: Language = askedLanguage() ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  const t = (key: string) => words[language][key] ?? words.en[key] ?? key;
  const apply = () => {
    document.documentElement.lang = language;
    for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
      el.textContent = t(el.dataset.i18n!);
    const toggle = document.querySelector<HTMLButtonElement>('#language-switch')!;
    toggle.textContent = t('switchTo');
    toggle.lang = language === 'en' ? 'zh-CN' : 'en';
    document.title = `${t('title')} · Complaint & Care`;
    onChange();
  };
  document.querySelector('#language-switch')!.addEventListener('click', () => {
    language = language === 'en' ? 'zh-CN' : 'en';
    apply();
  });
  return {
    t,
    get language() {
      return language;
    },
    set(next: Language) {
      language = next;
      apply();
    },
    apply,
  };
}

/** An instant in the visitor's language and time zone. */
export const formatInstant = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** The problem box: one message, announced and focused. */
export function showProblem(message: string | undefined): void {
  const box = document.querySelector<HTMLElement>('#problem')!;
  box.textContent = message ?? '';
  box.hidden = !message;
  if (message) box.focus();
}
