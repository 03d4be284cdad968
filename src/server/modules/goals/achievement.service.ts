import { completion } from '../../../domain/goals.js';
import type { DbOrTrx } from '../../db/connect.js';
import { entity, record } from '../audit/audit.service.js';
import { onMeasurementsStored } from '../metrics/measurement-hooks.service.js';
import { metricFacts } from '../metrics/series.service.js';
import { currentOf, seriesReader, todayIn } from './goals.progress.js';

/**
 * Marks agreed goals achieved when their metric's current value reaches the target.
 * Called in the transaction that stores new measurements, and when a goal becomes agreed.
 */
export async function markAchieved(
  trx: DbOrTrx,
  goalIds: string[] | { metricIds: string[] },
  now: Date,
): Promise<void> {
  let q = trx.selectFrom('goals').selectAll().where('status', '=', 'agreed');
  q = Array.isArray(goalIds)
    ? q.where('id', 'in', [...goalIds, ''])
    : q.where('metric_id', 'in', [...goalIds.metricIds, '']);
  const goals = await q.execute();
  if (goals.length === 0) return;
  const metrics = await metricFacts(
    trx,
    goals.map((g) => g.metric_id),
  );
  const seriesOf = seriesReader(trx);
  for (const g of goals) {
    const m = metrics.get(g.metric_id ?? '');
    if (!m || g.baseline_value === null || g.target_value === null) continue;
    const current = currentOf(await seriesOf(m), m, todayIn(now, m));
    if (
      !current ||
      completion({ baselineValue: g.baseline_value, targetValue: g.target_value }, current.value) <
        1
    )
      continue;
    // Only the goal as read: one closed or changed meanwhile (committed while this waited
    // for its row) stays as that change left it.
    const marked = await trx
      .updateTable('goals')
      .set({
        status: 'achieved',
        achieved_at: now.toISOString(),
        version: g.version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', g.id)
      .where('status', '=', 'agreed')
      .where('version', '=', g.version)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) continue;
    await record(trx, null, now, entity('goal', g), 'goal.achieved', {
      after: { value: current.value, periodStart: current.periodStart, target: g.target_value },
    });
  }
}

// New measurements may reach a target: goals listen to the metrics module rather than the
// metrics module calling goals (which read metrics), so the two do not import each other.
onMeasurementsStored((trx, metricIds, now) => markAchieved(trx, { metricIds }, now));
