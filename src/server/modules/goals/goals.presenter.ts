/** Goals as one person sees them: progress, agreement, what they may do. */
import type { Goal, GoalDetail, GoalTerms } from '../../../contracts/goals.js';
import { canEdit, canManage } from '../../../domain/access.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import type { GoalsTable } from '../../db/schema.js';
import {
  agreementView,
  loadVersions,
  presentVersions,
  signerOf,
} from '../agreements/agreements.service.js';
import { metricFacts } from '../metrics/series.service.js';
import { personRefs } from '../people/people.service.js';
import { progressOf, seriesReader } from './goals.progress.js';
import { OPEN } from './goals.rules.js';

export async function presentGoals(
  db: DbOrTrx,
  actor: Actor,
  goals: GoalsTable[],
  now: Date,
  withVersions: boolean,
): Promise<GoalDetail[]> {
  const metrics = await metricFacts(
    db,
    goals.map((g) => g.metric_id),
  );
  const people = await personRefs(
    db,
    goals.flatMap((g) => [g.business_responsible_id, g.it_responsible_id]),
  );
  const versions = await loadVersions<GoalTerms>(
    db,
    'goal',
    goals.map((g) => g.id),
  );
  const initiatives = new Map(
    (
      await db
        .selectFrom('initiatives')
        .select(['id', 'title', 'visibility'])
        .where('id', 'in', [...new Set(goals.map((g) => g.initiative_id)), ''])
        .execute()
    ).map((i) => [i.id, i]),
  );
  // The actor's role in each initiative, in one query rather than one per goal.
  const myRoles = new Map(
    (
      await db
        .selectFrom('initiative_members')
        .select(['initiative_id', 'role'])
        .where('user_id', '=', actor.id)
        .where('initiative_id', 'in', [...initiatives.keys(), ''])
        .execute()
    ).map((r) => [r.initiative_id, r.role]),
  );
  const seriesOf = seriesReader(db);
  const out: GoalDetail[] = [];
  for (const g of goals) {
    const m = metrics.get(g.metric_id ?? '');
    const memberRole = myRoles.get(g.initiative_id);
    const signer = signerOf(actor, memberRole);
    const v = versions.get(g.id) ?? [];
    const agreement: GoalDetail['agreement'] = agreementView(v, g.agreement_version, signer);
    if (g.status !== 'proposed') {
      const reason = {
        code: 'not_proposed',
        message:
          g.status === 'draft'
            ? 'Propose the goal first: it must be measurable before both sides sign'
            : 'This goal is not waiting for signatures',
      };
      agreement.mySignature = {
        business: agreement.mySignature.business ?? reason,
        it: agreement.mySignature.it ?? reason,
      };
      if (g.status === 'draft') agreement.waitingFor = [];
    }
    const { gate, progress } = await progressOf(seriesOf, g, m, now);
    const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
    const initiative = initiatives.get(g.initiative_id);
    out.push({
      id: g.id,
      initiative: { id: g.initiative_id, title: initiative?.title ?? '' },
      statement: g.statement,
      rationale: g.rationale,
      metric: m
        ? { id: m.id, name: m.name, unit: m.unit, direction: m.direction, period: m.period }
        : null,
      baselineValue: g.baseline_value,
      baselineDate: g.baseline_date,
      targetValue: g.target_value,
      dueDate: g.due_date,
      businessResponsible: person(g.business_responsible_id),
      itResponsible: person(g.it_responsible_id),
      status: g.status,
      statusReason: g.status_reason,
      achievedAt: g.achieved_at,
      agreement,
      gate,
      progress,
      version: g.version,
      createdAt: g.created_at,
      updatedAt: g.updated_at,
      permissions: {
        edit:
          OPEN.has(g.status) &&
          canEdit(actor, { visibility: initiative?.visibility ?? 'members', memberRole }),
        decide:
          OPEN.has(g.status) &&
          canManage(actor, { visibility: initiative?.visibility ?? 'members', memberRole }),
      },
      versions: withVersions ? presentVersions(v) : [],
    });
  }
  return out;
}

export const strip = ({ versions: _v, ...goal }: GoalDetail): Goal => goal;
