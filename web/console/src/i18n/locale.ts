/**
 * Which language the console speaks: `?lang=en` (or `?lang=zh-CN`) forces it and is remembered for
 * the browser tab, so links inside the console keep it; otherwise Chinese, the company's default.
 */
import type { Locale } from './messages';

const KEY = 'console.lang';

export function pickLocale(search: string, remembered: string | null): Locale {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return remembered === 'en' ? 'en' : 'zh-CN';
}

export function currentLocale(): Locale {
  const locale = pickLocale(window.location.search, sessionStorage.getItem(KEY));
  sessionStorage.setItem(KEY, locale);
  return locale;
}

export function rememberLocale(locale: Locale): void {
  sessionStorage.setItem(KEY, locale);
}
