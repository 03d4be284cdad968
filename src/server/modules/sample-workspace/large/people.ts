import { randomUUID } from 'node:crypto';
import type { Side } from '../../../../domain/sides.js';
import type { Row } from '../bulk-writer.js';
import { BUSINESS_DEPARTMENTS, FIRST_DE, FIRST_EN, IT_DEPARTMENTS, LAST } from './words.js';
import { DAY, iso, LARGE_DOMAIN, type People, type Person, type Random } from './shared.js';

/**
 * The large demo's people, as rows for `users` and sorted by what they may do.
 */
export function seedPeople(r: Random, nPeople: number, now: number): People & { userRows: Row[] } {
  // People: about 60 % business, 40 % IT; German and English names.
  // Viewers (about 8 %) only read: they own, deputise or contribute nowhere (the app refuses
  // that), so they are kept apart and join some teams as observers.
  const business: Person[] = [];
  const it: Person[] = [];
  const viewers: Person[] = [];
  const userRows: Row[] = [];
  for (let i = 0; i < nPeople; i += 1) {
    const english = r.chance(0.25);
    const first = r.pick(english ? FIRST_EN : FIRST_DE);
    const last = r.pick(LAST);
    const side: Side = i % 5 < 3 ? 'business' : 'it';
    const person: Person = { id: randomUUID(), name: `${first} ${last}`, side };
    // The first five (both sides) are never viewers, so even a tiny demo has owners.
    const viewer = i >= 5 && r.chance(0.08);
    (viewer ? viewers : side === 'business' ? business : it).push(person);
    const local = `${first}.${last}.${i + 1}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9.]/g, '');
    const created = iso(now - (400 + r.int(400)) * DAY);
    userRows.push([
      person.id,
      `${local}@${LARGE_DOMAIN}`,
      person.name,
      english ? 'en' : 'de',
      side === 'it' ? r.pick(IT_DEPARTMENTS) : r.pick(BUSINESS_DEPARTMENTS),
      side,
      viewer ? 'viewer' : 'member',
      created,
      created,
    ]);
  }
  return { business, it, viewers, userRows };
}
