import { describe, expect, it } from 'vitest';
import { displayFormat, localToday, parseTyped } from './date-input-format.js';

describe('typed dates', () => {
  it('reads German dates, short forms and ISO days', () => {
    expect(parseTyped('27.11.2026', 'de')).toBe('2026-11-27');
    expect(parseTyped(' 1.2.2027 ', 'de')).toBe('2027-02-01');
    expect(parseTyped('2026-11-27', 'de')).toBe('2026-11-27');
    expect(parseTyped('27.11.2026 14:05', 'de', true)).toBe('2026-11-27 14:05:00');
    expect(parseTyped('27.11.2026 9:05', 'de', true)).toBe('2026-11-27 09:05:00');
  });

  it('reads English dates as the app writes them (day first)', () => {
    expect(parseTyped('27 Nov 2026', 'en')).toBe('2026-11-27');
    expect(parseTyped('01/12/2026', 'en')).toBe('2026-12-01');
    expect(parseTyped('1 Dec 2026 14:30', 'en', true)).toBe('2026-12-01 14:30:00');
  });

  it('takes nothing that is not a whole, real date', () => {
    for (const typed of [
      '',
      '27.11.',
      '27.11.26',
      '31.02.2026',
      '32.01.2026',
      '27/11/2026 25:00',
    ]) {
      expect(parseTyped(typed, 'de', typed.includes(':'))).toBeNull();
    }
    // A German date is not an English one, and no time where none belongs.
    expect(parseTyped('27 Nov 2026', 'de')).toBeNull();
    expect(parseTyped('27.11.2026 14:00', 'de')).toBeNull();
  });

  it('shows dates as the rest of the app does, 24-hour times in both languages', () => {
    expect(displayFormat('de')).toBe('DD.MM.YYYY');
    expect(displayFormat('de', true)).toBe('DD.MM.YYYY HH:mm');
    expect(displayFormat('en', true)).toBe('D MMM YYYY HH:mm');
    expect(localToday(new Date(2026, 11, 1, 23, 59))).toBe('2026-12-01');
  });
});
