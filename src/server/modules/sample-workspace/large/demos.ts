import { randomUUID } from 'node:crypto';
import {
  berlinTen,
  DAY,
  day,
  HOUR,
  iso,
  LARGE_SCALE,
  type InitiativeSeed,
  type SliceSeed,
} from './shared.js';

/** An initiative's weekly demo: the cadence, its occurrences, attendees and feedback. */
export function seedDemos(
  s: SliceSeed,
  { i, id, shape, owner, itOwner, created, english }: InitiativeSeed,
  goalIds: readonly string[],
): void {
  const { r, now, today, rows, counts } = s;
  // Demos: weekly, 40 past and 10 coming; the troubled ones skip or go one-sided.
  const cadenceId = randomUUID();
  const nOcc = LARGE_SCALE.occurrencesPerInitiative;
  const weekday = 1 + (i % 5);
  const thisWeek = today - (((new Date(today).getUTCDay() + 6) % 7) - (weekday - 1)) * DAY;
  const first = thisWeek - (nOcc - 10) * 7 * DAY;
  rows.cadences.push([
    cadenceId,
    id,
    'weekly',
    weekday,
    '10:00',
    45,
    'Europe/Berlin',
    day(first),
    r.pick(['Teams', 'Raum Rhein', 'Zoom', 'Besprechungsraum 3.14']),
    itOwner.id,
    JSON.stringify([owner.id, itOwner.id]),
    1,
    owner.id,
    iso(created),
    iso(created),
  ]);
  for (let o = 0; o < nOcc; o += 1) {
    const ruleDay = first + o * 7 * DAY;
    const startsAt = berlinTen(ruleDay);
    const past = startsAt + 45 * 60_000 < now;
    const recent = o >= nOcc - 14;
    const state = !past
      ? 'planned'
      : shape === 2 && recent
        ? r.pick(['skipped', 'cancelled', 'planned'] as const)
        : r.chance(shape === 0 ? 0.9 : 0.7)
          ? 'held'
          : r.pick(['skipped', 'cancelled'] as const);
    const occurrenceId = randomUUID();
    const recorded = state === 'held' || state === 'skipped' || state === 'cancelled';
    rows.occurrences.push([
      occurrenceId,
      id,
      cadenceId,
      day(ruleDay),
      iso(startsAt),
      iso(startsAt + 45 * 60_000),
      state,
      state === 'skipped' || state === 'cancelled'
        ? english
          ? 'Nothing new to show.'
          : 'Nichts Neues zu zeigen.'
        : null,
      0,
      state === 'planned' || state === 'held' ? 0 : 1,
      itOwner.id,
      state === 'held'
        ? english
          ? 'Showed the latest build.'
          : 'Aktuellen Stand vorgeführt.'
        : '',
      '[]',
      state === 'held' ? JSON.stringify([goalIds[o % goalIds.length]]) : '[]',
      recorded ? itOwner.id : null,
      recorded ? iso(startsAt + HOUR) : null,
      recorded ? 2 : 1,
      iso(created),
      iso(recorded ? startsAt + HOUR : created),
    ]);
    if (state === 'held') {
      const oneSided = shape === 2 && r.chance(0.6);
      rows.attendees.push([occurrenceId, itOwner.id, 'it', 2 + r.int(4)]);
      if (!oneSided)
        rows.attendees.push([
          occurrenceId,
          owner.id,
          'business',
          shape === 1 ? 1 + r.int(2) : 3 + r.int(3),
        ]);
      if (r.chance(0.1)) {
        const due = startsAt + 14 * DAY;
        const done = due < now && r.chance(shape === 0 ? 0.9 : 0.4);
        rows.feedback.push([
          randomUUID(),
          occurrenceId,
          id,
          r.pick(['concern', 'idea', 'defect'] as const),
          english
            ? 'Edge cases in the export are not handled yet.'
            : 'Sonderfälle im Export fehlen noch.',
          owner.id,
          'business',
          iso(startsAt + HOUR),
          itOwner.id,
          day(due),
          done ? 'done' : 'open',
          iso(startsAt + HOUR),
          done ? iso(due - DAY) : null,
        ]);
      }
    }
    counts.occurrences += 1;
  }
}
