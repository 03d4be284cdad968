import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/de';
import 'dayjs/locale/en-gb';
import type { Language } from '../../contracts/common.js';
import { DAYJS_LOCALE } from './LocalizedDates.js';

// Typed dates are read against the formats below, strictly (31.02. is no date).
dayjs.extend(customParseFormat);

/**
 * How a date field shows its value, matching the app's date format: 27.11.2026 in German,
 * 27 Nov 2026 in English; times in 24 hours in both, as everywhere else in the app.
 */
export function displayFormat(language: Language, withTime = false): string {
  const day = language === 'de' ? 'DD.MM.YYYY' : 'D MMM YYYY';
  return withTime ? `${day} HH:mm` : day;
}

/** What a person may type: the shown format, short forms of it, and ISO dates. */
function typedFormats(language: Language, withTime: boolean): string[] {
  const days =
    language === 'de'
      ? ['DD.MM.YYYY', 'D.M.YYYY', 'YYYY-MM-DD']
      : ['D MMM YYYY', 'DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];
  return withTime ? days.flatMap((d) => [`${d} HH:mm`, `${d} H:mm`]) : days;
}

/**
 * A typed date (and time) as Mantine's value (`2026-11-27` or `2026-11-27 14:00:00`), or
 * null while it is not (yet) a whole valid date in the language's formats.
 */
export function parseTyped(value: string, language: Language, withTime = false): string | null {
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const parsed = dayjs(text, typedFormats(language, withTime), DAYJS_LOCALE[language], true);
  if (!parsed.isValid()) return null;
  return parsed.format(withTime ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD');
}

/** Today on the browser's clock, as an ISO day (`2026-12-01`). */
export function localToday(now: Date = new Date()): string {
  return dayjs(now).format('YYYY-MM-DD');
}
