import { randomUUID } from 'node:crypto';
import { BUSINESS_DEPARTMENTS, PLACES, RISK, TAGS, TOPICS } from './words.js';
import {
  DAY,
  iso,
  type InitiativeSeed,
  type People,
  type Person,
  type SliceSeed,
} from './shared.js';

/**
 * The `i`th initiative: its row, team, first stage transition and `initiative.created`
 * audit event. Returns what its metrics, goals, handoffs and demos build on.
 */
export function seedInitiative(
  s: SliceSeed,
  i: number,
  { business, it, viewers }: People,
): InitiativeSeed {
  const { r, now, stages, rows, audit, counts } = s;
  // 0: in good shape (60 %), 1: drifting (25 %), 2: in trouble (15 %).
  const shape = r.chance(0.6) ? 0 : r.chance(0.62) ? 1 : 2;
  const id = randomUUID();
  const owner = business[i % business.length] as Person;
  const itOwner = it[(i * 7) % it.length] as Person;
  const bDeputy = r.chance(0.5) ? (business[(i * 3 + 1) % business.length] as Person) : null;
  const iDeputy = r.chance(0.4) ? (it[(i * 5 + 2) % it.length] as Person) : null;
  const stageIndex = Math.min(stages.length - 1, Math.floor(r.next() ** 1.3 * stages.length));
  const stage = stages[stageIndex] as (typeof stages)[number];
  const startedDaysAgo = 30 + stageIndex * 60 + r.int(120);
  const created = now - startedDaysAgo * DAY;
  const updated = now - r.int(Math.min(startedDaysAgo, 60)) * DAY - r.int(DAY);
  const [de, en] = TOPICS[i % TOPICS.length] as readonly [string, string];
  const place = PLACES[Math.floor(i / TOPICS.length) % PLACES.length] as string;
  const round = Math.floor(i / (TOPICS.length * PLACES.length));
  const english = r.chance(0.3);
  const title = `${english ? en : de} – ${place}${round ? ` ${round + 1}` : ''}`;
  const department = r.pick(BUSINESS_DEPARTMENTS);
  const status = r.chance(0.9) ? 'active' : r.pick(['paused', 'done', 'cancelled'] as const);
  const risk = r.pick(RISK);
  const tags = [...new Set([r.pick(TAGS), r.pick(TAGS)])];
  rows.initiatives.push([
    id,
    title,
    english
      ? `Today ${en.toLowerCase()} is done by hand in ${place}; it takes time and errors slip through.`
      : `Heute läuft „${de}“ in ${place} manuell; das kostet Zeit und Fehler rutschen durch.`,
    english
      ? 'Faster turnaround and fewer errors, measured with agreed metrics.'
      : 'Schnellere Bearbeitung und weniger Fehler, gemessen an vereinbarten Kennzahlen.',
    department,
    owner.id,
    itOwner.id,
    bDeputy?.id ?? null,
    iDeputy?.id ?? null,
    stage.id,
    status,
    r.chance(0.9) ? 'company' : 'members',
    risk,
    '{}',
    risk === 'high' || risk === 'prohibited'
      ? 'Eingestuft nach Prüfung durch Datenschutz und Rechtsabteilung.'
      : null,
    JSON.stringify(tags),
    1,
    owner.id,
    iso(created),
    iso(updated),
  ]);
  const members = new Map<string, string>([
    [owner.id, 'owner'],
    [itOwner.id, 'owner'],
  ]);
  if (bDeputy && !members.has(bDeputy.id)) members.set(bDeputy.id, 'deputy');
  if (iDeputy && !members.has(iDeputy.id)) members.set(iDeputy.id, 'deputy');
  for (let k = r.int(4); k > 0; k -= 1) {
    const p = r.chance(0.5) ? r.pick(business) : r.pick(it);
    if (viewers.length && r.chance(0.1)) {
      const v = r.pick(viewers);
      if (!members.has(v.id)) members.set(v.id, 'observer');
    }
    if (!members.has(p.id)) members.set(p.id, r.chance(0.8) ? 'contributor' : 'observer');
  }
  for (const [userId, role] of members) rows.members.push([id, userId, role, iso(created)]);
  rows.transitions.push([randomUUID(), id, null, stage.id, owner.id, '[]', null, iso(created)]);
  audit.push({
    at: new Date(created),
    actorId: owner.id,
    entityType: 'initiative',
    entityId: id,
    initiativeId: id,
    action: 'initiative.created',
    after: {
      title,
      department,
      businessOwner: { id: owner.id, name: owner.name },
      itOwner: { id: itOwner.id, name: itOwner.name },
      stage: { id: stage.id, nameEn: stage.nameEn, nameDe: stage.nameDe },
      status: 'active',
      riskClass: risk,
      tags,
    },
  });
  counts.initiatives += 1;
  return { i, id, shape, owner, itOwner, stageIndex, created, english, de, en, place, title };
}
