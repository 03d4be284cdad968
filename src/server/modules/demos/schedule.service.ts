/** The occurrences a cadence puts in the calendar, created ahead of time. */
import { addDays, HORIZON_DAYS, occurrences } from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { DemoCadencesTable, DemoOccurrencesTable } from '../../db/schema.js';
import { ruleOf } from './demos.presenter.js';
import type { Job } from '../../events/registry.js';

/**
 * Creates the occurrences of a cadence up to the horizon (12 weeks ahead). Rows that exist
 * are left alone (unique per cadence and rule day), so concurrent calls are harmless.
 * Occurrences before the cadence's last change are not created.
 */
export async function ensureOccurrences(
  db: DbOrTrx,
  cadence: DemoCadencesTable,
  now: Date,
): Promise<void> {
  const rule = ruleOf(cadence);
  const since = cadence.updated_at;
  const from = localDay(Date.parse(since), rule.timeZone);
  // Twelve weeks from today, or from the first day of a cadence that starts later: a cadence
  // starting in three months has its first occurrences in the calendar at once.
  const todayLocal = localDay(now.getTime(), rule.timeZone);
  const to = addDays(rule.startsOn > todayLocal ? rule.startsOn : todayLocal, HORIZON_DAYS);
  const wanted = occurrences(rule, from, to).filter((o) => o.startsAt >= since);
  if (wanted.length === 0) return;
  const existing = new Set(
    (
      await db
        .selectFrom('demo_occurrences')
        .select('rule_date')
        .where('cadence_id', '=', cadence.id)
        .where('rule_date', '>=', wanted[0]?.date ?? from)
        .execute()
    ).map((r) => r.rule_date),
  );
  const at = now.toISOString();
  const rows: DemoOccurrencesTable[] = wanted
    .filter((o) => !existing.has(o.date))
    .map((o) => ({
      id: newId(),
      initiative_id: cadence.initiative_id,
      cadence_id: cadence.id,
      rule_date: o.date,
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      state: 'planned',
      reason: null,
      moved: 0,
      sequence: 0,
      presenter_id: cadence.presenter_id,
      notes: '',
      links: '[]',
      goal_ids: '[]',
      recorded_by: null,
      recorded_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    }));
  if (rows.length === 0) return;
  await db
    .insertInto('demo_occurrences')
    .values(rows)
    .onConflict((oc) => oc.columns(['cadence_id', 'rule_date']).doNothing())
    .execute();
}

/**
 * Daily: every cadence's occurrences up to the horizon, so calendars and feeds stay filled
 * twelve weeks ahead although nobody opens the initiative. Idempotent (existing rows stay).
 */
export const ensureOccurrencesJob: Job = {
  name: 'demos.occurrences',
  schedule: { daily: { at: '02:15', timeZone: 'UTC' } },
  run: async (ctx, { now }) => {
    const cadences = await ctx.db.kysely.selectFrom('demo_cadences').selectAll().execute();
    for (const cadence of cadences) await ensureOccurrences(ctx.db.kysely, cadence, now);
  },
};
