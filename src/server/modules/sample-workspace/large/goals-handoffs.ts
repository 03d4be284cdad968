import { randomUUID } from 'node:crypto';
import { METRICS } from './words.js';
import { DAY, day, iso, LARGE_SCALE, type InitiativeSeed, type SliceSeed } from './shared.js';

/** An initiative's goals on its metrics, with their agreements. Returns the goals' ids. */
export function seedGoals(
  s: SliceSeed,
  { i, id, shape, owner, itOwner, stageIndex, created, english, de, en, place }: InitiativeSeed,
  metricIds: readonly string[],
  metricBase: readonly number[],
): string[] {
  const { r, now, rows, counts } = s;
  // Goals: agreed in good shape; waiting for a signature or overdue in trouble.
  const goalIds: string[] = [];
  for (let g = 0; g < LARGE_SCALE.goalsPerInitiative; g += 1) {
    const goalId = randomUUID();
    goalIds.push(goalId);
    const metricId = metricIds[g % metricIds.length] as string;
    const base = metricBase[g % metricBase.length] as number;
    const early = stageIndex <= 1;
    const status =
      early && g > 1
        ? 'draft'
        : shape === 2 && g < 2
          ? 'proposed'
          : g === 4 && r.chance(0.3)
            ? r.pick(['achieved', 'missed', 'dropped'] as const)
            : shape === 1 && g === 0
              ? 'proposed'
              : 'agreed';
    const goalCreated = created + (2 + g) * DAY;
    const due = day(shape === 2 && g === 2 ? now - 10 * DAY : now + (30 + r.int(300)) * DAY);
    const terms = {
      metricId,
      baselineValue: base,
      baselineDate: day(goalCreated),
      targetValue: Math.round(base * (r.chance(0.5) ? 1.2 : 0.8) * 100) / 100,
      dueDate: due,
    };
    const version = status === 'draft' ? 0 : 1;
    rows.goals.push([
      goalId,
      id,
      english
        ? `${en}: improve ${METRICS[(i + g) % METRICS.length]?.[0] ?? 'the metric'} by ${place}`
        : `${de}: ${METRICS[(i + g) % METRICS.length]?.[0] ?? 'Kennzahl'} in ${place} verbessern`,
      english
        ? 'Agreed by both sides as the measure of success.'
        : 'Von beiden Seiten als Erfolgsmaß vereinbart.',
      terms.metricId,
      terms.baselineValue,
      terms.baselineDate,
      terms.targetValue,
      terms.dueDate,
      owner.id,
      itOwner.id,
      status,
      status === 'dropped' ? 'Nicht mehr relevant nach Umorganisation.' : null,
      status === 'achieved' ? iso(now - r.int(30) * DAY) : null,
      version,
      1,
      owner.id,
      iso(goalCreated),
      iso(goalCreated + DAY),
    ]);
    if (version === 1) {
      rows.versions.push(['goal', goalId, 1, JSON.stringify(terms), owner.id, iso(goalCreated)]);
      rows.signatures.push(['goal', goalId, 1, owner.id, 'business', iso(goalCreated)]);
      if (status !== 'proposed')
        rows.signatures.push(['goal', goalId, 1, itOwner.id, 'it', iso(goalCreated + DAY)]);
    }
    counts.goals += 1;
  }
  return goalIds;
}

/** An initiative's handoffs between its owners, with their events and questions. */
export function seedHandoffs(
  s: SliceSeed,
  { id, shape, owner, itOwner, stageIndex, created, english }: InitiativeSeed,
): void {
  const { r, now, stages, rows, counts } = s;
  // Handoffs: mostly accepted; some waiting, some returned (twice in trouble).
  for (let h = 0; h < LARGE_SCALE.handoffsPerInitiative; h += 1) {
    const handoffId = randomUUID();
    const toBusiness = h % 2 === 1;
    const sender = toBusiness ? itOwner : owner;
    const receiver = toBusiness ? owner : itOwner;
    const from = stages[Math.min(stageIndex, h % (stageIndex + 1))] as (typeof stages)[number];
    const late = h >= 17;
    const state = !late
      ? 'accepted'
      : shape === 0
        ? r.pick(['accepted', 'submitted', 'draft'] as const)
        : r.pick(['submitted', 'returned', 'withdrawn'] as const);
    const returns =
      state === 'draft'
        ? 0
        : state === 'returned' || (shape === 2 && late)
          ? 1 + r.int(2)
          : r.chance(0.1)
            ? 1
            : 0;
    const rounds = state === 'draft' ? 0 : returns + (state === 'returned' ? 0 : 1);
    const start = created + ((h + 1) * (now - created)) / (LARGE_SCALE.handoffsPerInitiative + 2);
    const submitted = state === 'draft' ? null : start + DAY;
    const closedAt =
      state === 'accepted' || state === 'withdrawn' ? start + (3 + rounds * 3) * DAY : null;
    const dueDate = day(
      state === 'submitted' && shape !== 0 ? now - (2 + r.int(10)) * DAY : start + 14 * DAY,
    );
    rows.handoffs.push([
      handoffId,
      id,
      toBusiness
        ? english
          ? `Test results for ${from.nameEn}`
          : `Testergebnisse zur Abnahme (${from.nameDe})`
        : english
          ? `Requirements for ${from.nameEn}`
          : `Fachliche Anforderungen (${from.nameDe})`,
      english ? 'Please review the attached material.' : 'Bitte die Unterlagen prüfen.',
      from.id,
      null,
      sender.id,
      receiver.id,
      receiver.side,
      dueDate,
      JSON.stringify([
        {
          id: 'd1',
          title: english ? 'Documentation' : 'Dokumentation',
          kind: 'document',
          link: 'https://wiki.example/tandem',
          description: '',
        },
      ]),
      '[]',
      state,
      rounds,
      returns,
      submitted === null ? null : iso(submitted),
      closedAt === null ? null : iso(closedAt),
      1 + rounds + returns,
      sender.id,
      iso(start),
      iso(closedAt ?? (submitted ?? start) + returns * 3 * DAY),
    ]);
    let t = submitted ?? start;
    for (let k = 1; k <= rounds; k += 1) {
      rows.handoffEvents.push([
        randomUUID(),
        handoffId,
        'submitted',
        k,
        sender.id,
        null,
        '[]',
        iso(t),
      ]);
      if (k <= returns) {
        t += 2 * DAY;
        rows.handoffEvents.push([
          randomUUID(),
          handoffId,
          'returned',
          k,
          receiver.id,
          english ? 'Acceptance criteria are incomplete.' : 'Abnahmekriterien sind unvollständig.',
          '[]',
          iso(t),
        ]);
        t += DAY;
      }
    }
    if (state === 'accepted' || state === 'withdrawn')
      rows.handoffEvents.push([
        randomUUID(),
        handoffId,
        state,
        Math.max(1, rounds),
        state === 'accepted' ? receiver.id : sender.id,
        null,
        '[]',
        iso(closedAt ?? t),
      ]);
    if (state === 'submitted' && r.chance(0.4))
      rows.questions.push([
        randomUUID(),
        handoffId,
        receiver.id,
        'receiver',
        english ? 'Which data set was used for the test?' : 'Welcher Datenstand wurde getestet?',
        iso(now - (1 + r.int(12)) * DAY),
      ]);
    counts.handoffs += 1;
  }
}
