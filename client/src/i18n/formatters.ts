import { formatVietnameseDate } from '@domain/dates/calendar-date';
import { useI18n } from 'vue-i18n';
import { formatArea, formatCount } from '../format/number';
import { currentLanguage, NUMBER_LOCALES } from './index';

/** Numbers and dates for display in the current language; dates are dd/mm/yyyy in both languages. */
export function useFormatters() {
  const { t } = useI18n();
  const numberLocale = () => NUMBER_LOCALES[currentLanguage()];

  return {
    area: (squareKilometres: number) =>
      t('unit.areaValue', { value: formatArea(squareKilometres, numberLocale()) }),
    population: (people: number) => t('unit.populationValue', { value: formatCount(people, numberLocale()) }),
    /** "01/07/2021 – 30/06/2025", or "từ 01/07/2025" while the era is still in force. */
    validity: (validFrom: string, validTo: string | null) =>
      validTo
        ? t('era.range', { from: formatVietnameseDate(validFrom), to: formatVietnameseDate(validTo) })
        : t('era.since', { from: formatVietnameseDate(validFrom) }),
  };
}
