import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/common.js';
import { currentLanguage } from './index.js';
import { countFrom } from '../lib/hydration.js';

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

export interface Formatters {
  language: Language;
  locale: string;
  /** 27.11.2026 / 27 Nov 2026 */
  date: (iso: string | Date) => string;
  /** 27.11.2026, 14:00 Uhr / 27 Nov 2026, 14:00 */
  dateTime: (iso: string | Date) => string;
  /** 14:00 Uhr / 14:00 */
  time: (iso: string | Date) => string;
  /**
   * A wall-clock day and time (YYYY-MM-DD, HH:mm) with a short weekday, no zone conversion:
   * Do., 03.12.2026, 14:00 Uhr / Thu, 03 Dec 2026, 14:00
   */
  dayTime: (localDate: string, localTime: string) => string;
  /** vor 3 Tagen / 3 days ago */
  relative: (iso: string | Date, now?: Date) => string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** "3 Minuten" / "3 minutes" for a duration in seconds. */
  duration: (seconds: number) => string;
}

const JUST_NOW: Record<Language, string> = { de: 'gerade eben', en: 'just now' };

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/** Made on first use: creating an Intl formatter is costly (tens of ms in a browser). */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/** A calendar day (YYYY-MM-DD) in the UI's format; read at local noon so no zone shifts it. */
export function formatDay(fmt: Pick<Formatters, 'date'>, day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? fmt.date(new Date(`${day}T12:00:00`)) : day;
}

export function createFormatters(language: Language): Formatters {
  const locale = LOCALE[language];
  const month = language === 'de' ? '2-digit' : 'short';
  const date = lazy(
    () => new Intl.DateTimeFormat(locale, { day: '2-digit', month, year: 'numeric' }),
  );
  const dateTime = lazy(
    () =>
      new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month,
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  );
  const time = lazy(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }));
  const dayTime = lazy(
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        day: '2-digit',
        month,
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  );
  const rtf = lazy(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const plainNumber = lazy(() => new Intl.NumberFormat(locale));
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['week', 7 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
  ];
  return {
    language,
    locale,
    date: (v) => date().format(toDate(v)),
    dateTime: (v) => `${dateTime().format(toDate(v))}${language === 'de' ? ' Uhr' : ''}`,
    time: (v) => `${time().format(toDate(v))}${language === 'de' ? ' Uhr' : ''}`,
    dayTime: (localDate, localTime) => {
      const d = new Date(`${localDate}T${localTime.slice(0, 5)}:00`);
      if (Number.isNaN(d.getTime())) return `${localDate}, ${localTime}`;
      return `${dayTime().format(d)}${language === 'de' ? ' Uhr' : ''}`;
    },
    relative: (v, now = countFrom()) => {
      const seconds = (toDate(v).getTime() - now.getTime()) / 1000;
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return rtf().format(Math.round(seconds / size), unit);
      }
      return JUST_NOW[language];
    },
    number: (value, options) =>
      (options ? new Intl.NumberFormat(locale, options) : plainNumber()).format(value),
    duration: (seconds) => {
      const minutes = Math.ceil(seconds / 60);
      return minutes <= 1
        ? new Intl.NumberFormat(locale, {
            style: 'unit',
            unit: 'second',
            unitDisplay: 'long',
          }).format(Math.max(1, Math.round(seconds)))
        : new Intl.NumberFormat(locale, {
            style: 'unit',
            unit: 'minute',
            unitDisplay: 'long',
          }).format(minutes);
    },
  };
}

/**
 * One set of formatters per language for the whole app: creating Intl formatters is costly
 * (a list of a thousand rows would otherwise pay for it in every component that formats).
 */
const shared = new Map<Language, Formatters>();
export function formattersFor(language: Language): Formatters {
  let f = shared.get(language);
  if (!f) {
    f = createFormatters(language);
    shared.set(language, f);
  }
  return f;
}

/** Locale-correct formatters for the current UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  return formattersFor(language);
}

/** The stage name in the UI language. */
export function stageName(stage: { nameDe: string; nameEn: string }, language: Language): string {
  return language === 'de' ? stage.nameDe : stage.nameEn;
}
