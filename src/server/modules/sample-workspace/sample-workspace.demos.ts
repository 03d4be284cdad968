import type { Side } from '../../../domain/sides.js';
import type { Actor, AppContext } from '../../context.js';
import { setCadence } from '../demos/cadence.service.js';
import { addFeedback, makeAction, updateAction } from '../demos/feedback.service.js';
import { skipOccurrence } from '../demos/occurrences.service.js';
import { recordDemo } from '../demos/records.service.js';

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const CADENCES = [
  { interval: 'every_2_weeks', weekday: 4, time: '14:00', location: 'Teams: Demo-Runde Vertrieb' },
  { interval: 'weekly', weekday: 2, time: '10:00', location: 'Raum Alster, 3. OG' },
  { interval: 'every_2_weeks', weekday: 3, time: '15:30', location: 'Teams: Demo Kundenservice' },
  { interval: 'monthly', weekday: 4, weekOfMonth: 2, time: '11:00', location: 'Raum Elbe' },
] as const;

const FEEDBACK: {
  kind: 'praise' | 'concern' | 'idea' | 'defect';
  text: string;
  side: Side;
}[][] = [
  [
    {
      kind: 'praise',
      text: 'Die Vorschläge passen schon gut zu unseren Zielkunden.',
      side: 'business',
    },
    { kind: 'concern', text: 'Der CRM-Export dauert über zwei Minuten.', side: 'it' },
  ],
  [
    {
      kind: 'idea',
      text: 'Begründung zu jedem Vorschlag anzeigen, damit der Vertrieb ihr traut.',
      side: 'business',
    },
    { kind: 'defect', text: 'Umlaute im Firmennamen werden falsch dargestellt.', side: 'business' },
  ],
  [
    {
      kind: 'concern',
      text: 'Unklar, wer die Vorschläge freigibt, bevor sie rausgehen.',
      side: 'business',
    },
    { kind: 'praise', text: 'Antwortzeit unter einer Sekunde, auch mit echten Daten.', side: 'it' },
  ],
  [
    {
      kind: 'idea',
      text: 'Wochenbericht automatisch an die Teamleitung schicken.',
      side: 'business',
    },
  ],
];

/**
 * A cadence per active demo initiative, started ten weeks ago, and its history replayed at
 * the past dates: held demos with attendance, votes and feedback, action items (some done,
 * some open, one overdue); for the first initiative one skipped demo and the latest one left
 * unrecorded, so the cadence shows as overdue.
 */
export async function seedSampleDemos(
  ctx: AppContext,
  owners: { business: Actor; it: Actor },
  initiativeId: string,
  index: number,
  realNow: number,
): Promise<void> {
  const at = (ms: number): AppContext => ({ ...ctx, now: () => new Date(ms) });
  const plan = CADENCES[index % CADENCES.length] ?? CADENCES[0];
  const members = await ctx.db.kysely
    .selectFrom('initiative_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.side', 'm.role'])
    .where('m.initiative_id', '=', initiativeId)
    .orderBy('u.name')
    .execute();
  const started = realNow - 70 * DAY;
  await setCadence(at(started), owners.business, initiativeId, {
    interval: plan.interval,
    weekday: plan.weekday,
    weekOfMonth: 'weekOfMonth' in plan ? plan.weekOfMonth : null,
    time: plan.time,
    durationMinutes: 45,
    timeZone: 'Europe/Berlin',
    startsOn: isoDay(started),
    location: plan.location,
    presenterId: owners.it.id,
    inviteeIds: members.map((m) => m.id),
  });
  const past = await ctx.db.kysely
    .selectFrom('demo_occurrences')
    .select(['id', 'starts_at', 'ends_at', 'version'])
    .where('initiative_id', '=', initiativeId)
    .where('ends_at', '<', new Date(realNow).toISOString())
    .orderBy('starts_at')
    .execute();
  for (const [i, o] of past.entries()) {
    const after = Date.parse(o.ends_at) + 30 * 60_000;
    const last = i === past.length - 1;
    if (index === 0 && last) continue; // overdue: passed without being held or skipped
    if (index === 0 && i === 1) {
      await skipOccurrence(at(Date.parse(o.starts_at) - 2 * DAY), owners.business, o.id, {
        version: o.version,
        reason: 'Sprint verlängert, nichts Neues zu zeigen.',
      });
      continue;
    }
    // Attendance from both sides; not everyone every time.
    const attendees = [owners.business.id, owners.it.id, ...members.map((m) => m.id)]
      .filter((id, k, all) => all.indexOf(id) === k)
      .filter((_id, k) => k < 2 || (k + i) % 3 !== 0);
    const sideOf = (id: string) =>
      id === owners.it.id ? 'it' : (members.find((m) => m.id === id)?.side ?? 'business');
    const votes = (id: string) => {
      if ((i + id.length) % 5 === 0) return null; // not everyone votes
      const base = sideOf(id) === 'business' ? 4 : 3;
      // The first initiative's sides drift apart later on: a divergence worth discussing.
      if (index === 0 && i >= 3) return sideOf(id) === 'business' ? 5 : 2;
      return Math.max(1, Math.min(5, base + ((i + index) % 2)));
    };
    const items = FEEDBACK[(i + index) % FEEDBACK.length] ?? [];
    const authorOf = (side: Side) => (side === 'it' ? owners.it.id : owners.business.id);
    const held = await recordDemo(at(after), owners.business, o.id, {
      version: o.version,
      presenterId: i % 2 === 0 ? owners.it.id : owners.business.id,
      attendees: attendees.map((userId) => ({ userId, confidence: votes(userId) })),
      notes:
        i === 0
          ? 'Erster Durchstich: Datenanbindung und eine Ergebnisliste.'
          : `Stand nach Sprint ${i + 1}: neue Funktionen und offene Punkte der letzten Demo.`,
      links: [{ url: 'https://intranet.example.com/demos', title: 'Folien und Aufzeichnung' }],
      goalIds: (
        await ctx.db.kysely
          .selectFrom('goals')
          .select('id')
          .where('initiative_id', '=', initiativeId)
          .execute()
      ).map((g) => g.id),
      feedback: items.map((f) => ({ kind: f.kind, text: f.text, authorId: authorOf(f.side) })),
    });
    if (i === 0)
      await addFeedback(at(after + 60 * 60_000), owners.it, o.id, {
        kind: 'idea',
        text: 'Testdaten anonymisiert bereitstellen, dann können alle selbst ausprobieren.',
      });
    // The concern or defect of each demo becomes an action item.
    const item = held.feedback.find((f) => f.kind === 'concern' || f.kind === 'defect');
    if (!item) continue;
    const owner = item.side === 'it' ? owners.it : owners.business;
    const due = after + 10 * DAY;
    await makeAction(at(after + 2 * 60_000), owners.business, item.id, {
      ownerId: owner.id,
      dueDate: isoDay(due),
    });
    // Older ones are done; the recent ones stay open (one of them past its due date).
    if (due < realNow - 14 * DAY)
      await updateAction(at(due - DAY), owner, item.id, { status: 'done' });
  }
}
