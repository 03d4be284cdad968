import type { AppContext } from '../../context.js';
import { newSortableId } from '../../db/ids.js';
import { refreshExpiredHealth } from '../health/stored-health.service.js';
import { listStages } from '../stages/stages.service.js';
import { bulkWriter } from './bulk-writer.js';
import { COLUMNS as C, type SeedRows } from './large/columns.js';
import { seedDemos } from './large/demos.js';
import { seedGoals, seedHandoffs } from './large/goals-handoffs.js';
import { seedInitiative } from './large/initiatives.js';
import { seedMetrics } from './large/metrics.js';
import { seedPeople } from './large/people.js';
import {
  LARGE_DOMAIN,
  LARGE_SCALE,
  random,
  type LargeSeedCounts,
  type SliceSeed,
} from './large/shared.js';

// The large demo (`tandem demo seed --scale large`); what it writes and why is described at
// LARGE_SCALE in large/shared.ts, each part in its file under large/.

export const SCALE_FACTORS = { small: 0.01, large: 1 } as const;
export type ScaleName = keyof typeof SCALE_FACTORS;

/**
 * Adds the large demo on top of whatever is there (normally the small sample workspace,
 * whose admin signs in). `factor` scales every count (1 = large; tests use a tiny one).
 * Returns undefined when the large demo exists already.
 */
export async function seedLargeWorkspace(
  ctx: AppContext,
  options: { factor: number; pointsPerMetric?: number; log?: (line: string) => void },
): Promise<LargeSeedCounts | undefined> {
  const db = ctx.db.kysely;
  const seeded = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', `%@${LARGE_DOMAIN}`)
    .executeTakeFirst();
  if (seeded) return undefined;
  const log = options.log ?? (() => undefined);
  const f = options.factor;
  const count = (n: number, min = 1) => Math.max(min, Math.round(n * f));
  const nPeople = count(LARGE_SCALE.people, 4);
  const nInitiatives = count(LARGE_SCALE.initiatives);
  const pointsPerMetric = options.pointsPerMetric ?? LARGE_SCALE.pointsPerMetric;
  const stages = await listStages(db);
  if (stages.length === 0) throw new Error('no stages: run the migrations first');
  const writer = await bulkWriter(ctx);
  let counts: LargeSeedCounts;
  try {
    // Points get ids in insertion order, so their primary key grows at its end instead of
    // splitting pages all over a tree of millions (UUID format: a v7 prefix and a counter).
    const idPrefix = newSortableId(ctx.now().getTime()).slice(0, 24);
    let pointCounter = 0;
    const pointId = () => {
      pointCounter += 1;
      return `${idPrefix}${pointCounter.toString(16).padStart(12, '0')}`;
    };
    const r = random(20261202);
    const now = ctx.now().getTime();
    const today = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
    );
    counts = {
      people: 0,
      initiatives: 0,
      goals: 0,
      handoffs: 0,
      occurrences: 0,
      metrics: 0,
      points: 0,
      auditEvents: 0,
    };

    const { userRows, ...people } = seedPeople(r, nPeople, now);
    await writer.transaction((w) => w.insert('users', C.users, userRows));
    counts.people = nPeople;
    log(`${nPeople} people`);

    // Initiatives and everything in them, in slices of 50 initiatives per transaction.
    const SLICE = 50;
    for (let from = 0; from < nInitiatives; from += SLICE) {
      const rows = Object.fromEntries(Object.keys(C).map((k) => [k, []])) as unknown as SeedRows;
      const s: SliceSeed = {
        r,
        now,
        today,
        stages,
        pointsPerMetric,
        pointId,
        counts,
        rows,
        audit: [],
      };
      // The order of the parts is the order they draw from `r`: keep it.
      for (let i = from; i < Math.min(nInitiatives, from + SLICE); i += 1) {
        const initiative = seedInitiative(s, i, people);
        const { metricIds, metricBase } = seedMetrics(s, initiative);
        const goalIds = seedGoals(s, initiative, metricIds, metricBase);
        seedHandoffs(s, initiative);
        seedDemos(s, initiative, goalIds);
      }
      await writer.transaction(async (w) => {
        await w.insert('initiatives', C.initiatives, rows.initiatives);
        await w.insert('initiative_members', C.members, rows.members);
        await w.insert('stage_transitions', C.transitions, rows.transitions);
        await w.insert('metrics', C.metrics, rows.metrics);
        await w.insert('agreement_versions', C.versions, rows.versions);
        await w.insert('agreement_signatures', C.signatures, rows.signatures);
        await w.insert('measurements', C.measurements, rows.measurements);
        await w.insert('metric_daily', C.daily, rows.daily);
        await w.insert('goals', C.goals, rows.goals);
        await w.insert('handoffs', C.handoffs, rows.handoffs);
        await w.insert('handoff_events', C.handoffEvents, rows.handoffEvents);
        await w.insert('handoff_questions', C.questions, rows.questions);
        await w.insert('demo_cadences', C.cadences, rows.cadences);
        await w.insert('demo_occurrences', C.occurrences, rows.occurrences);
        await w.insert('demo_attendees', C.attendees, rows.attendees);
        await w.insert('demo_feedback', C.feedback, rows.feedback);
        await w.audit(s.audit);
      });
      counts.auditEvents += s.audit.length;
      log(`${Math.min(nInitiatives, from + SLICE)} of ${nInitiatives} initiatives`);
    }
    // Fresh statistics of every table written, so the first reads after the seed get good
    // plans (without autovacuum, a table never analysed is guessed at: a recompute joined 400
    // open handoff questions to their handoffs one by one instead of the other way round).
    const serverCpu = writer.serverCpuSeconds();
    const ownCpu = process.cpuUsage();
    log(
      `CPU time: ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s this process${serverCpu === undefined ? '' : `, ${serverCpu.toFixed(1)} s its PostgreSQL server process`}`,
    );
    await writer.analyze([
      'users',
      'initiatives',
      'initiative_members',
      'stage_transitions',
      'metrics',
      'agreement_versions',
      'agreement_signatures',
      'measurements',
      'metric_daily',
      'goals',
      'handoffs',
      'handoff_events',
      'handoff_questions',
      'demo_cadences',
      'demo_occurrences',
      'demo_attendees',
      'demo_feedback',
      'audit_events',
    ]);
  } finally {
    await writer.close();
  }
  // The bulk writes bypass the outbox: store every initiative's current health now, so the
  // first portfolio read does not compute 1,000 initiatives (it would, correctly, if not).
  const health = await refreshExpiredHealth(ctx);
  log(`health of ${health} initiatives stored`);
  return counts;
}
