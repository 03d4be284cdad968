import type { Language } from '../../../contracts/common.js';

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayOf(instant: string | Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

export interface DayGroup<T> {
  /** YYYY-MM-DD in the reader's time zone. */
  day: string;
  items: T[];
}

/** Events (newest first) in runs of one calendar day each, in the reader's time zone. */
export function groupByDay<T extends { occurredAt: string }>(
  events: readonly T[],
  timeZone: string,
): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const event of events) {
    const day = dayOf(event.occurredAt, timeZone);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(event);
    else groups.push({ day, items: [event] });
  }
  return groups;
}

/**
 * A day's heading: "Today", "Yesterday", else the weekday and date
 * ("Montag, 30.11.2026" / "Monday, 30 Nov 2026").
 */
export function dayHeading(
  day: string,
  now: Date,
  timeZone: string,
  language: Language,
  words: { today: string; yesterday: string },
): string {
  const today = dayOf(now, timeZone);
  if (day === today) return words.today;
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  if (day === yesterday) return words.yesterday;
  return new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: 'UTC',
    weekday: 'long',
    day: '2-digit',
    month: language === 'de' ? '2-digit' : 'short',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}
