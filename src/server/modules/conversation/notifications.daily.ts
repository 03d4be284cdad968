/**
 * The daily reminders (one scheduler job, one instance runs it): demos within the next day
 * and a half, action items due by tomorrow, metrics without new values for two weeks, goals
 * behind their plan (once a week each). Each
 * notification is keyed by what it is about and its date (`demo_tomorrow:<occurrence>:<start>`),
 * so a run repeated after a failure or on another instance never notifies twice.
 */
import { isoWeekOf } from '../../../domain/weekly-updates.js';
import type { AppContext } from '../../context.js';
import type { Job } from '../../events/registry.js';
import { goalsBehindPlan } from '../goals/behind.service.js';
import {
  createNotifications,
  type NotificationDraft,
  notifyAbout,
} from './notifications.repository.js';

const HOUR = 3_600_000;

const DAY = 24 * HOUR;
/** A metric without values for this long is stale. */
export const STALE_DAYS = 14;
/** A metric's columns for the stale check: selected and grouped by (with its latest day). */
const METRIC_COLUMNS = [
  'm.id',
  'm.initiative_id',
  'm.name',
  'm.business_owner_id',
  'm.it_owner_id',
  'm.created_at',
] as const;

export async function dailyReminders(ctx: AppContext, now: Date): Promise<number> {
  const db = ctx.db.kysely;
  return db.transaction().execute(async (trx) => {
    const drafts: NotificationDraft[] = [];
    // A reminder is keyed by what it is about and its date; no one did it.
    const remind = (key: string, about: ReturnType<typeof notifyAbout>) =>
      drafts.push(...about.map((d) => ({ ...d, eventId: key, actorId: null })));

    const demos = await trx
      .selectFrom('demo_occurrences as o')
      .innerJoin('initiatives as i', 'i.id', 'o.initiative_id')
      .select([
        'o.id',
        'o.initiative_id',
        'o.starts_at',
        'o.presenter_id',
        'i.title',
        'i.business_owner_id',
        'i.it_owner_id',
      ])
      .where('o.state', '=', 'planned')
      .where('i.status', '=', 'active')
      .where('o.starts_at', '>', now.toISOString())
      .where('o.starts_at', '<=', new Date(now.getTime() + 36 * HOUR).toISOString())
      .execute();
    const attendees = demos.length
      ? await trx
          .selectFrom('demo_attendees')
          .select(['occurrence_id', 'user_id'])
          .where(
            'occurrence_id',
            'in',
            demos.map((d) => d.id),
          )
          .execute()
      : [];
    for (const d of demos) {
      const people = new Set(
        [
          d.presenter_id,
          d.business_owner_id,
          d.it_owner_id,
          ...attendees.filter((a) => a.occurrence_id === d.id).map((a) => a.user_id),
        ].filter((x): x is string => x !== null),
      );
      const title = `${d.title} · ${d.starts_at.slice(0, 16).replace('T', ' ')} UTC`;
      remind(
        `demo_tomorrow:${d.id}:${d.starts_at}`,
        notifyAbout(people, 'demo_tomorrow', {
          type: 'demo',
          id: d.id,
          initiativeId: d.initiative_id,
          title,
        }),
      );
    }

    const tomorrow = new Date(now.getTime() + DAY).toISOString().slice(0, 10);
    const actions = await trx
      .selectFrom('demo_feedback')
      .select(['id', 'initiative_id', 'text', 'action_owner_id', 'action_due_date'])
      .where('action_status', 'in', ['open', 'in_progress'])
      .where('action_owner_id', 'is not', null)
      .where('action_due_date', 'is not', null)
      .where('action_due_date', '<=', tomorrow)
      .execute();
    for (const a of actions)
      remind(
        `action_item_due:${a.id}:${a.action_due_date ?? ''}`,
        notifyAbout([a.action_owner_id as string], 'action_item_due', {
          type: 'action_item',
          id: a.id,
          initiativeId: a.initiative_id,
          title: a.text.slice(0, 200),
        }),
      );

    const staleBefore = new Date(now.getTime() - STALE_DAYS * DAY).toISOString().slice(0, 10);
    const metrics = await trx
      .selectFrom('metrics as m')
      .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
      .leftJoin('metric_daily as d', 'd.metric_id', 'm.id')
      .select((eb) => [...METRIC_COLUMNS, eb.fn.max('d.day').as('last_day')])
      .where('i.status', '=', 'active')
      .groupBy(METRIC_COLUMNS)
      .execute();
    for (const m of metrics) {
      const last = m.last_day ?? m.created_at.slice(0, 10);
      if (last >= staleBefore) continue;
      remind(
        `metric_stale:${m.id}:${last}`,
        notifyAbout([m.business_owner_id, m.it_owner_id], 'metric_stale', {
          type: 'metric',
          id: m.id,
          initiativeId: m.initiative_id,
          title: m.name,
        }),
      );
    }
    // Behind plan: at most once a week per goal while it stays behind.
    const week = isoWeekOf(now.toISOString().slice(0, 10));
    for (const g of await goalsBehindPlan(trx, now))
      remind(
        `goal_behind:${g.id}:${week}`,
        notifyAbout(g.people, 'goal_behind', {
          type: 'goal',
          id: g.id,
          initiativeId: g.initiativeId,
          title: g.statement,
        }),
      );

    return createNotifications(trx, ctx, drafts, now);
  });
}

export const dailyRemindersJob: Job = {
  name: 'notifications.daily',
  schedule: { daily: { at: '07:00', timeZone: 'Europe/Berlin' } },
  run: (ctx, { now }) => dailyReminders(ctx, now).then(() => undefined),
};
