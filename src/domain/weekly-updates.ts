/**
 * The owners' weekly updates: which ISO week a day belongs to, and who may write a side's
 * update (that side's owner or deputy). Pure; the server stores one update per side per week.
 */
import type { Side } from './sides.js';

/** "2026-W49" for a YYYY-MM-DD (ISO 8601: weeks start on Monday, week 1 holds a Thursday). */
export function isoWeekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface InitiativeOwners {
  business_owner_id: string;
  it_owner_id: string;
  business_deputy_id: string | null;
  it_deputy_id: string | null;
}

/** The sides whose weekly update this person may write (owner or deputy of that side). */
export function sidesWrittenBy(owners: InitiativeOwners, userId: string): Side[] {
  const sides: Side[] = [];
  if (owners.business_owner_id === userId || owners.business_deputy_id === userId)
    sides.push('business');
  if (owners.it_owner_id === userId || owners.it_deputy_id === userId) sides.push('it');
  return sides;
}
