/**
 * The day a status report is of, as people write it (03.12.2026, 3 Dec 2026), by the company's
 * calendar: the same on the page, in the Markdown and in the file name, wherever it is read.
 */
import { localDay } from './periods.js';
import { COMPANY_TIME_ZONE } from './time-zones.js';

const formats = {
  de: new Intl.DateTimeFormat('de-DE', {
    timeZone: COMPANY_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: COMPANY_TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }),
};

/** The report's day in words of the language. */
export const reportDay = (lang: 'de' | 'en', computedAt: string): string =>
  formats[lang].format(Date.parse(computedAt));

/** The report's day for a file name (2026-12-03). */
export const reportFileDay = (computedAt: string): string =>
  localDay(Date.parse(computedAt), COMPANY_TIME_ZONE);
