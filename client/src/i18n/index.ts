import { createI18n } from 'vue-i18n';
import { en } from './en';
import { type MessageSchema, vi } from './vi';

export type Language = 'vi' | 'en';

/** Locale tags for Intl number formatting, per language. */
export const NUMBER_LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

const STORAGE_KEY = 'diaban.language';

declare module 'vue-i18n' {
  // Types every t('…') key against the Vietnamese messages.
  export interface DefineLocaleMessage extends MessageSchema {}
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'vi';
  } catch {
    // Storage can be blocked (private windows, strict policies): Vietnamese it is.
    return 'vi';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLanguage(),
  fallbackLocale: 'vi',
  messages: { vi, en },
});

/** Switches the interface language, remembers it, and tells the browser (screen readers, hyphenation). */
export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  document.documentElement.lang = language;
  document.title = i18n.global.t('app.title');
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}

/** The interface language; reactive inside computed values and templates. */
export function currentLanguage(): Language {
  return i18n.global.locale.value === 'en' ? 'en' : 'vi';
}
