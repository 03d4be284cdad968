/**
 * The demo's past health: a snapshot per initiative and day for the last 90 days, so the
 * 90-day trend and "what changed since last week" show from the first minute. Each day's
 * health is the real computeHealth at that day's snapshot time (02:15 in the company's zone,
 * when the daily job runs) over the initiative's fact sheet as it was then: the facts loaded
 * for that instant (demo window, goal progress up to then) and rewound by the dates the
 * database keeps (stage moves, handoff events and questions, signatures, action items, data
 * points, weekly updates). The rows are the daily job's (history.service snapshotRowOf).
 */
import {
  type GoalHealthFacts,
  type HandoffHealthFacts,
  type HealthInputs,
  type MetricHealthFacts,
  type OwnerView,
} from '../../../domain/health.js';
import { addDays, localToUtc } from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import type { Side } from '../../../domain/sides.js';
import type { AppContext } from '../../context.js';
import { COMPANY_TIME_ZONE } from '../health/health.service.js';
import { snapshotPastHealth } from '../health/history.service.js';

const HISTORY_DAYS = 90;
/** The daily job's time (history.service healthSnapshotJob). */
const SNAPSHOT_TIME = '02:15';

const num = (v: unknown): number => Number(v);
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const upTo = (v: unknown, t: string): boolean => v !== null && v !== undefined && iso(v) <= t;

/** What the database remembers of the initiatives' past, read once. */
async function loadPast(ctx: AppContext, ids: readonly string[]) {
  const db = ctx.db.kysely;
  const [
    stages,
    initiatives,
    transitions,
    goals,
    handoffEvents,
    questions,
    metricDays,
    occurrences,
    actions,
    updates,
  ] = await Promise.all([
    db.selectFrom('stages').select(['id', 'key', 'name_de', 'name_en', 'position']).execute(),
    db.selectFrom('initiatives').select(['id', 'stage_id']).where('id', 'in', ids).execute(),
    db
      .selectFrom('stage_transitions')
      .select(['initiative_id', 'from_stage_id', 'to_stage_id', 'occurred_at'])
      .where('initiative_id', 'in', ids)
      .orderBy('occurred_at')
      .execute(),
    db
      .selectFrom('goals')
      .select(['id', 'created_at', 'achieved_at'])
      .where('initiative_id', 'in', ids)
      .execute(),
    db
      .selectFrom('handoff_events as e')
      .innerJoin('handoffs as h', 'h.id', 'e.handoff_id')
      .select(['e.handoff_id', 'e.type', 'e.occurred_at'])
      .where('h.initiative_id', 'in', ids)
      .orderBy('e.occurred_at')
      .execute(),
    db
      .selectFrom('handoff_questions as q')
      .innerJoin('handoffs as h', 'h.id', 'q.handoff_id')
      .select(['q.id', 'q.handoff_id', 'q.asked_at', 'q.asked_by_party', 'q.answered_at'])
      .select('q.withdrawn_at')
      .where('h.initiative_id', 'in', ids)
      .orderBy('q.asked_at')
      .execute(),
    db
      .selectFrom('metric_daily as d')
      .innerJoin('metrics as m', 'm.id', 'd.metric_id')
      .select(['d.metric_id', 'd.last_at'])
      .where('m.initiative_id', 'in', ids)
      .execute(),
    db
      .selectFrom('demo_occurrences')
      .select(['id', 'initiative_id', 'starts_at', 'state', 'recorded_at'])
      .where('initiative_id', 'in', ids)
      .execute(),
    db
      .selectFrom('demo_feedback')
      .select(['id', 'initiative_id', 'occurrence_id', 'text', 'action_due_date'])
      .select(['action_created_at', 'action_done_at'])
      .where('initiative_id', 'in', ids)
      .where('action_created_at', 'is not', null)
      .execute(),
    db
      .selectFrom('weekly_updates')
      .select(['initiative_id', 'side', 'week', 'owner_view', 'written_at'])
      .where('initiative_id', 'in', ids)
      .orderBy('week')
      .execute(),
  ]);
  return {
    stages,
    initiatives,
    transitions,
    goals,
    handoffEvents,
    questions,
    metricDays,
    occurrences,
    actions,
    updates,
  };
}
type Past = Awaited<ReturnType<typeof loadPast>>;

/** The fact sheet as it was at `t` (ISO): what happened after `t` is taken back out. */
export function rewoundInputs(inputs: HealthInputs, t: string, past: Past): HealthInputs {
  const id = inputs.initiativeId;
  // The stage: the last move up to t (before the first move, the stage it started in).
  const moves = past.transitions.filter((m) => m.initiative_id === id);
  const lastMove = moves.filter((m) => upTo(m.occurred_at, t)).at(-1);
  const stageId =
    lastMove?.to_stage_id ??
    moves[0]?.from_stage_id ??
    past.initiatives.find((i) => i.id === id)?.stage_id;
  const stageRow = past.stages.find((s) => s.id === stageId);
  const stage = stageRow
    ? {
        key: stageRow.key,
        name: { de: stageRow.name_de, en: stageRow.name_en },
        position: num(stageRow.position),
        precedingKeys: [...past.stages]
          .sort((a, b) => num(a.position) - num(b.position))
          .filter((s) => num(s.position) < num(stageRow.position))
          .map((s) => s.key),
      }
    : inputs.stage;

  const goals = inputs.goals.flatMap((g): GoalHealthFacts[] => {
    const row = past.goals.find((x) => x.id === g.id);
    if (row && !upTo(row.created_at, t)) return [];
    const signedAt = {
      business: upTo(g.signedAt.business, t) ? g.signedAt.business : null,
      it: upTo(g.signedAt.it, t) ? g.signedAt.it : null,
    };
    const proposedAt = upTo(g.proposedAt, t) ? g.proposedAt : null;
    let status = g.status;
    if (status === 'achieved' && row && !upTo(row.achieved_at, t)) status = 'agreed';
    if (status !== 'draft' && status !== 'dropped' && !(signedAt.business && signedAt.it))
      status = proposedAt ? 'proposed' : 'draft';
    return [{ ...g, status, proposedAt, signedAt }];
  });

  const handoffs = inputs.handoffs.flatMap((h): HandoffHealthFacts[] => {
    const events = past.handoffEvents.filter(
      (e) => e.handoff_id === h.id && upTo(e.occurred_at, t),
    );
    const last = events.at(-1);
    if (!last || last.type === 'withdrawn') return [];
    const openQuestions = past.questions
      .filter(
        (q) =>
          q.handoff_id === h.id &&
          upTo(q.asked_at, t) &&
          !upTo(q.answered_at, t) &&
          !upTo(q.withdrawn_at, t),
      )
      .map((q) => ({ id: q.id, askedAt: iso(q.asked_at), askedBy: q.asked_by_party }));
    return [
      {
        ...h,
        state: last.type,
        returns: events.filter((e) => e.type === 'returned').length,
        closedAt: last.type === 'accepted' ? iso(last.occurred_at) : null,
        openQuestions,
      },
    ];
  });

  const tMs = Date.parse(t);
  const metrics = inputs.metrics.flatMap((m): MetricHealthFacts[] => {
    if (!upTo(m.createdAt, t)) return [];
    const lastAt = past.metricDays
      .filter((d) => d.metric_id === m.id && num(d.last_at) <= tMs)
      .reduce<number | null>((a, d) => Math.max(a ?? 0, num(d.last_at)), null);
    return [
      {
        ...m,
        definitionSince: upTo(m.definitionSince, t) ? m.definitionSince : m.createdAt,
        signedAt: {
          business: upTo(m.signedAt.business, t) ? m.signedAt.business : null,
          it: upTo(m.signedAt.it, t) ? m.signedAt.it : null,
        },
        lastDataAt: lastAt === null ? null : new Date(lastAt).toISOString(),
        pushSources: m.pushSources.filter((p) => upTo(p.lastPushAt, t)),
      },
    ];
  });

  const cadence = inputs.demos.cadence;
  const zone = cadence?.timeZone ?? COMPANY_TIME_ZONE;
  const recorded = (o: Past['occurrences'][number]) => o.state !== 'held' || upTo(o.recorded_at, t);
  const held = past.occurrences
    .filter((o) => o.initiative_id === id && o.state === 'held' && upTo(o.recorded_at, t))
    .map((o) => localDay(Date.parse(iso(o.starts_at)), zone))
    .sort();
  const demos: HealthInputs['demos'] =
    cadence && cadence.startsOn <= localDay(tMs, zone)
      ? {
          cadence,
          occurrences: inputs.demos.occurrences.map((o) => {
            const row = past.occurrences.find((x) => x.id === o.id);
            return row && !recorded(row)
              ? {
                  ...o,
                  state: 'planned',
                  attendance: { business: 0, it: 0 },
                  confidence: { business: null, it: null },
                }
              : o;
          }),
          lastHeldDay: held.at(-1) ?? null,
          openActionItems: past.actions
            .filter(
              (a) =>
                a.initiative_id === id &&
                upTo(a.action_created_at, t) &&
                !upTo(a.action_done_at, t),
            )
            .map((a) => ({
              id: a.id,
              occurrenceId: a.occurrence_id,
              text: a.text,
              dueDate: a.action_due_date,
            })),
        }
      : { cadence: null, occurrences: [], lastHeldDay: null, openActionItems: [] };

  const updateOf = (side: Side) => {
    const u = past.updates
      .filter((x) => x.initiative_id === id && x.side === side && upTo(x.written_at, t))
      .at(-1);
    return u ? { view: u.owner_view as OwnerView, writtenAt: iso(u.written_at) } : null;
  };

  return {
    ...inputs,
    stage,
    goals,
    handoffs,
    demos,
    metrics,
    ownerUpdates: { business: updateOf('business'), it: updateOf('it') },
  };
}

/**
 * Writes the snapshots of the 90 days before today (from the day each initiative was
 * created) of the given initiatives, and today's as the daily job would. Upserts: seeding
 * again replaces the same days.
 */
export async function seedSampleHistory(
  ctx: AppContext,
  ids: readonly string[],
  realNow: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const past = await loadPast(ctx, ids);
  const today = localDay(realNow, COMPANY_TIME_ZONE);
  const days = Array.from({ length: HISTORY_DAYS + 1 }, (_, k) => {
    const back = HISTORY_DAYS - k;
    const day = addDays(today, -back);
    // 02:15 does not exist on the night the clocks go forward: an hour later then.
    const planned =
      localToUtc(day, SNAPSHOT_TIME, COMPANY_TIME_ZONE) ??
      localToUtc(day, '03:15', COMPANY_TIME_ZONE);
    // Today: now (the job may not have run yet; its run replaces the row).
    const at = back === 0 || planned === undefined ? realNow : Math.min(planned, realNow);
    return { day, at: new Date(at) };
  });
  return snapshotPastHealth(ctx, ids, days, (inputs, at) => rewoundInputs(inputs, at, past));
}
