/**
 * The weekly notifications (two scheduler jobs, each run by one instance):
 * - Monday 07:00 the digest per person: how much waits for them (the desk), what changed in
 *   their initiatives' health since a week ago and why (the health history), and the demos of
 *   the coming 7 days. People with nothing to say get none.
 * - Friday 10:00 the reminder to the owner and deputy of each side whose weekly update for the
 *   current ISO week is still missing.
 * Both run in the company's time zone (users have no time zone of their own). Each
 * notification is keyed by the ISO week, so a rerun never creates one twice.
 */
import type { Desk } from '../../../contracts/desk.js';
import type { Language } from '../../../domain/people.js';
import { healthLinkPath } from '../../../domain/health-messages.js';
import { SIDES, type Side } from '../../../domain/sides.js';
import type { AppContext } from '../../context.js';
import type { Job } from '../../events/registry.js';
import { myDesk } from '../desk/desk.service.js';
import { COMPANY_TIME_ZONE } from '../health/health.service.js';
import { healthHistoryOf } from '../health/history.service.js';
import { currentWeek } from '../health/weekly-updates.service.js';
import { createNotifications, type NotificationDraft } from './notifications.repository.js';

const DIGEST_WORDS: Record<
  Language,
  {
    waiting: (n: number) => string;
    changes: (n: number) => string;
    demos: (n: number) => string;
    waitsHeading: string;
    appeared: string;
    resolved: string;
    demo: string;
  }
> = {
  en: {
    waiting: (n) => (n === 1 ? '1 thing waits for you' : `${n} things wait for you`),
    changes: (n) => (n === 1 ? '1 health change' : `${n} health changes`),
    demos: (n) => (n === 1 ? '1 demo this week' : `${n} demos this week`),
    waitsHeading: 'Waits for you',
    appeared: 'New concern',
    resolved: 'Resolved',
    demo: 'Demo',
  },
  de: {
    waiting: (n) => (n === 1 ? '1 Sache wartet auf Sie' : `${n} Sachen warten auf Sie`),
    changes: (n) => (n === 1 ? '1 Änderung der Gesundheit' : `${n} Änderungen der Gesundheit`),
    demos: (n) => (n === 1 ? '1 Demo diese Woche' : `${n} Demos diese Woche`),
    waitsHeading: 'Wartet auf Sie',
    appeared: 'Neues Problem',
    resolved: 'Erledigt',
    demo: 'Demo',
  },
};

interface Change {
  initiativeTitle: string;
  kind: 'appeared' | 'resolved';
  text: { en: string; de: string };
}

/** The digest text of one person (title and lines), or null when there is nothing to say. */
export function digestText(
  language: Language,
  desk: Desk,
  changes: readonly Change[],
): { title: string; excerpt: string } | null {
  if (desk.total === 0 && changes.length === 0 && desk.demos.length === 0) return null;
  const w = DIGEST_WORDS[language];
  const parts = [
    ...(desk.total ? [w.waiting(desk.total)] : []),
    ...(changes.length ? [w.changes(changes.length)] : []),
    ...(desk.demos.length ? [w.demos(desk.demos.length)] : []),
  ];
  const waiting = Object.values(desk.waiting).flat();
  const lines = [
    ...waiting.slice(0, 20).map((i) => `${w.waitsHeading}: ${i.initiative.title} · ${i.subject}`),
    ...changes.slice(0, 20).map((c) => `${w[c.kind]}: ${c.initiativeTitle} · ${c.text[language]}`),
    ...desk.demos.map(
      (d) => `${w.demo}: ${d.initiative.title} · ${d.startsAt.slice(0, 16).replace('T', ' ')} UTC`,
    ),
  ];
  return { title: parts.join(' · '), excerpt: lines.join('\n') };
}

/** Monday: one digest per active person with something to say. Returns how many were created. */
export async function weeklyDigests(ctx: AppContext, now: Date): Promise<number> {
  const db = ctx.db.kysely;
  const week = currentWeek(now);
  const people = await db
    .selectFrom('users')
    .select(['id', 'role', 'side', 'name', 'language'])
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
  const histories = new Map<string, Awaited<ReturnType<typeof healthHistoryOf>>>();
  const drafts: NotificationDraft[] = [];
  for (const person of people) {
    const actor = { id: person.id, role: person.role, side: person.side, name: person.name };
    const desk = await myDesk(ctx, actor, now);
    const changes: Change[] = [];
    for (const mine of desk.initiatives) {
      const id = mine.initiative.id;
      let history = histories.get(id);
      if (!history) {
        history = await healthHistoryOf(ctx, actor, id, now);
        histories.set(id, history);
      }
      for (const r of history.appeared)
        changes.push({ initiativeTitle: mine.initiative.title, kind: 'appeared', text: r.text });
      for (const r of history.resolved)
        changes.push({ initiativeTitle: mine.initiative.title, kind: 'resolved', text: r.text });
    }
    const text = digestText(person.language, desk, changes);
    if (!text) continue;
    drafts.push({
      userId: person.id,
      kind: 'weekly_digest',
      eventId: `weekly_digest:${week}`,
      initiativeId: null,
      subjectType: 'desk',
      subjectId: person.id,
      link: '/',
      title: text.title,
      excerpt: text.excerpt,
      actorId: null,
    });
  }
  return db.transaction().execute((trx) => createNotifications(trx, ctx, drafts, now));
}

/** Friday: the owner and deputy of each side whose update for this week is missing. */
export async function weeklyUpdateReminders(ctx: AppContext, now: Date): Promise<number> {
  const db = ctx.db.kysely;
  const week = currentWeek(now);
  return db.transaction().execute(async (trx) => {
    const initiatives = await trx
      .selectFrom('initiatives')
      .select([
        'id',
        'title',
        'business_owner_id',
        'business_deputy_id',
        'it_owner_id',
        'it_deputy_id',
      ])
      .where('status', '=', 'active')
      .execute();
    const written = initiatives.length
      ? await trx
          .selectFrom('weekly_updates')
          .select(['initiative_id', 'side'])
          .where('week', '=', week)
          .execute()
      : [];
    const done = new Set(written.map((w) => `${w.initiative_id}|${w.side}`));
    const drafts: NotificationDraft[] = [];
    for (const i of initiatives)
      for (const side of SIDES as readonly Side[]) {
        if (done.has(`${i.id}|${side}`)) continue;
        const people =
          side === 'business'
            ? [i.business_owner_id, i.business_deputy_id]
            : [i.it_owner_id, i.it_deputy_id];
        for (const userId of new Set(people.filter((p): p is string => p !== null)))
          drafts.push({
            userId,
            kind: 'weekly_update_missing',
            eventId: `weekly_update_missing:${i.id}:${side}:${week}`,
            initiativeId: i.id,
            subjectType: 'initiative',
            subjectId: i.id,
            link: healthLinkPath(i.id, { kind: 'weeklyUpdate', side }),
            title: i.title,
            excerpt: null,
            actorId: null,
          });
      }
    return createNotifications(trx, ctx, drafts, now);
  });
}

export const weeklyDigestJob: Job = {
  name: 'notifications.weekly_digest',
  schedule: { weekly: { on: 'monday', at: '07:00', timeZone: COMPANY_TIME_ZONE } },
  run: (ctx, { now }) => weeklyDigests(ctx, now).then(() => undefined),
};

export const weeklyUpdateMissingJob: Job = {
  name: 'notifications.weekly_update_missing',
  schedule: { weekly: { on: 'friday', at: '10:00', timeZone: COMPANY_TIME_ZONE } },
  run: (ctx, { now }) => weeklyUpdateReminders(ctx, now).then(() => undefined),
};
