import type { BilingualText } from '@domain/bilingual';
import { i18n } from '../../i18n';

/** A message of the page's own in both languages, so a check made here shows like the server's answers. */
export function bothLanguages(key: string, named: Record<string, unknown> = {}): BilingualText {
  const translate = i18n.global.t as (
    key: string,
    named: Record<string, unknown>,
    options: { locale: string },
  ) => string;
  return { vi: translate(key, named, { locale: 'vi' }), en: translate(key, named, { locale: 'en' }) };
}
