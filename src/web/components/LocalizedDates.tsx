import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/common.js';
import { currentLanguage } from '../i18n/index.js';

/**
 * The dayjs locale of each UI language: German, and English as the app writes it (en-GB).
 * The locales themselves are loaded with the date fields (date-input-format.ts), so the
 * first page does not carry them.
 */
export const DAYJS_LOCALE: Record<Language, string> = { de: 'de', en: 'en-gb' };

/**
 * Calendars and date fields in the UI language, not the browser's: German months and
 * weekdays, weeks from Monday (as in Germany and in the app's English, en-GB). Weekends are
 * not painted red: red is reserved for health.
 */
export function LocalizedDates({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  return (
    <DatesProvider
      settings={{ locale: DAYJS_LOCALE[language], firstDayOfWeek: 1, weekendDays: [] }}
    >
      {children}
    </DatesProvider>
  );
}
