/**
 * Locale-correct pieces for the health texts: numbers (German `1.234,5`, `18 %`), dates
 * (`27.11.2026` / `27 Nov 2026`), quoted names, and the words for sides, views, Ampel and
 * areas. Pure: Intl only, no clock.
 */
import type { CadenceInterval } from '../cadence.js';
import type { Period } from '../periods.js';
import type { Ampel, HealthArea, LocalizedName, OwnerView, Side } from './types.js';

export type HealthLanguage = 'de' | 'en';

const LOCALE: Record<HealthLanguage, string> = { de: 'de-DE', en: 'en-GB' };

/** Names longer than this are shortened with an ellipsis, so a sentence stays readable. */
export const MAX_NAME_LENGTH = 80;

export const AREA_LABELS: Record<HealthLanguage, Record<HealthArea | 'overall', string>> = {
  de: {
    goals: 'Ziele',
    handoffs: 'Übergaben',
    demos: 'Demos',
    metrics: 'Kennzahlen',
    owners: 'Einschätzung der Verantwortlichen',
    overall: 'Gesamt',
  },
  en: {
    goals: 'Goals',
    handoffs: 'Handoffs',
    demos: 'Demos',
    metrics: 'Metrics',
    owners: 'Owners’ view',
    overall: 'Overall',
  },
};

export const AMPEL_LABELS: Record<HealthLanguage, Record<Ampel, string>> = {
  de: { green: 'Grün', amber: 'Gelb', red: 'Rot' },
  en: { green: 'Green', amber: 'Amber', red: 'Red' },
};

export const OWNER_VIEW_LABELS: Record<HealthLanguage, Record<OwnerView, string>> = {
  de: { on_track: 'im Plan', at_risk: 'gefährdet', off_track: 'nicht im Plan' },
  en: { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' },
};

export const SIDE_LABELS: Record<HealthLanguage, Record<Side, string>> = {
  de: { business: 'Fachbereich', it: 'IT' },
  en: { business: 'business side', it: 'IT' },
};

export interface Fmt {
  lang: HealthLanguage;
  /** A number with at most `digits` decimals, grouped: 1.234,5 / 1,234.5. */
  num: (n: number, digits?: number) => string;
  /** A value and its unit: `41 Leads`; a `%` unit sticks to the number in English. */
  value: (n: number, unit: string) => string;
  /** A percentage given in percent (18 → `18 %` / `18%`). */
  pct: (percent: number) => string;
  /** A calendar day YYYY-MM-DD: 27.11.2026 / 27 Nov 2026. */
  date: (day: string) => string;
  /** A user-given name in the language's quotation marks, shortened when long. */
  quote: (name: string) => string;
  stage: (name: LocalizedName) => string;
  area: (area: HealthArea | 'overall') => string;
  ampel: (ampel: Ampel) => string;
  view: (view: OwnerView) => string;
  side: (side: Side) => string;
}

export function createFmt(lang: HealthLanguage): Fmt {
  const locale = LOCALE[lang];
  const dateFormat = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: '2-digit',
    month: lang === 'de' ? '2-digit' : 'short',
    year: 'numeric',
  });
  // Formatters are built once per language and digit count: texts are rendered for whole
  // portfolios. signDisplay 'negative': a value that rounds to zero never shows as "-0".
  const numbers = new Map<number, Intl.NumberFormat>();
  const num = (n: number, digits = 1) => {
    let format = numbers.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        maximumFractionDigits: digits,
        signDisplay: 'negative',
      });
      numbers.set(digits, format);
    }
    return format.format(n);
  };
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'negative',
  });
  return {
    lang,
    num,
    value: (n, unit) => {
      const u = unit.trim();
      if (!u) return num(n);
      return lang === 'en' && u === '%' ? `${num(n)}%` : `${num(n)} ${u}`;
    },
    pct: (p) => percent.format(p / 100),
    date: (day) => dateFormat.format(new Date(`${day}T00:00:00Z`)),
    quote: (name) => {
      const flat = name.replace(/\s+/g, ' ').trim();
      const short =
        flat.length > MAX_NAME_LENGTH ? `${flat.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…` : flat;
      return lang === 'de' ? `„${short}“` : `“${short}”`;
    },
    stage: (name) => name[lang],
    area: (area) => AREA_LABELS[lang][area],
    ampel: (ampel) => AMPEL_LABELS[lang][ampel],
    view: (view) => OWNER_VIEW_LABELS[lang][view],
    side: (side) => SIDE_LABELS[lang][side],
  };
}

// ───────────────────────── words that need grammar ─────────────────────────

/** "1 day" / "12 days". */
export const enDays = (f: Fmt, n: number) => `${f.num(n, 0)} ${n === 1 ? 'day' : 'days'}`;
/** Nominative/accusative: "1 Tag" / "12 Tage" (… alt, um … überfällig). */
export const deDays = (f: Fmt, n: number) => `${f.num(n, 0)} ${n === 1 ? 'Tag' : 'Tage'}`;
/** Dative: "seit 1 Tag" / "seit 12 Tagen", "vor 12 Tagen". */
export const deDaysDat = (f: Fmt, n: number) => `${f.num(n, 0)} ${n === 1 ? 'Tag' : 'Tagen'}`;

/** "a", "a and b", "a, b and c" / "a, b und c". */
export function joinList(f: Fmt, words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${f.lang === 'de' ? 'und' : 'and'} ${words.at(-1) ?? ''}`;
}

/** "Specification → Build", or "within Pilot" for a handoff inside the stage. */
export function route(f: Fmt, from: LocalizedName, to: LocalizedName | null): string {
  if (to) return `${f.stage(from)} → ${f.stage(to)}`;
  return f.lang === 'de' ? `innerhalb ${f.stage(from)}` : `within ${f.stage(from)}`;
}

/** "twice", "3 times" / "zweimal", "3-mal". */
export function times(f: Fmt, n: number): string {
  if (f.lang === 'de')
    return n === 1 ? 'einmal' : n === 2 ? 'zweimal' : n === 3 ? 'dreimal' : `${f.num(n, 0)}-mal`;
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${f.num(n, 0)} times`;
}

export const PERIOD_ADVERBS: Record<HealthLanguage, Record<Period, string>> = {
  de: { day: 'täglich', week: 'wöchentlich', month: 'monatlich' },
  en: { day: 'daily', week: 'weekly', month: 'monthly' },
};

export const INTERVAL_WORDS: Record<HealthLanguage, Record<CadenceInterval, string>> = {
  de: {
    weekly: 'wöchentlich',
    every_2_weeks: 'alle 2 Wochen',
    every_3_weeks: 'alle 3 Wochen',
    every_4_weeks: 'alle 4 Wochen',
    monthly: 'monatlich',
  },
  en: {
    weekly: 'weekly',
    every_2_weeks: 'every 2 weeks',
    every_3_weeks: 'every 3 weeks',
    every_4_weeks: 'every 4 weeks',
    monthly: 'monthly',
  },
};
