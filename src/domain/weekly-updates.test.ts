import { describe, expect, it } from 'vitest';
import { isoWeekOf, sidesWrittenBy } from './weekly-updates.js';

describe('isoWeekOf', () => {
  it.each([
    ['2026-12-01', '2026-W49'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2025-12-29', '2026-W01'],
    ['2021-01-03', '2020-W53'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-07', '2026-W50'],
  ])('%s is in %s', (day, week) => expect(isoWeekOf(day)).toBe(week));
});

describe('sidesWrittenBy', () => {
  const owners = {
    business_owner_id: 'b',
    it_owner_id: 'i',
    business_deputy_id: 'bd',
    it_deputy_id: null,
  };
  it.each([
    ['b', ['business']],
    ['bd', ['business']],
    ['i', ['it']],
    ['x', []],
  ])('%s writes %j', (id, sides) => expect(sidesWrittenBy(owners, id)).toEqual(sides));
});
