/** Typed translation keys for weekdays (ISO, 1 = Monday) and the week of the month. */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];
export const weekdayKey = (n: number): WeekdayKey => WEEKDAYS[n - 1] ?? '1';

export const WEEKS = ['1', '2', '3', '4', 'last'] as const;
export type WeekKey = (typeof WEEKS)[number];
export const weekKey = (n: number | null): WeekKey =>
  n === -1 ? 'last' : (WEEKS.slice(0, 4)[(n ?? 1) - 1] ?? '1');
/** The API's number for a week key: 1–4, or -1 for the last. */
export const weekNumber = (k: WeekKey): number => (k === 'last' ? -1 : Number(k));
