/**
 * An initiative's health as the portfolio shows it: one cell per area, and what waits for
 * whom. Used when the stored health is computed (stored-health.service) and by the portfolio
 * computed from scratch (portfolio.service).
 */
import type { Portfolio, WaitingCount } from '../../../contracts/portfolio.js';
import type { AreaHealth, HealthInputs, HealthResult } from '../../../domain/health.js';
import { describeReason } from '../../../domain/health-messages.js';
import { waitingSides } from '../../../domain/health/context.js';
import { SIDES, type Side } from '../../../domain/sides.js';

/** The counts waitingOf made, as the answer lists them: most first, then by kind and side. */
export function waitingList(counts: Map<string, number>): WaitingCount[] {
  return (
    [...counts.entries()]
      .map(([key, count]) => {
        const [kind, side] = key.split(':') as [WaitingCount['kind'], Side];
        return { kind, side, count };
      })
      // Fully ordered (kind, then side): the same list whatever order the rows were counted in.
      .sort(
        (a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.side.localeCompare(b.side),
      )
  );
}

/** What waits for whom, counted from the fact sheets (the same facts health judges). */
export function waitingOf(inputs: HealthInputs, counts: Map<string, number>) {
  const add = (kind: WaitingCount['kind'], side: Side) => {
    const key = `${kind}:${side}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const g of inputs.goals) {
    if (g.status === 'proposed')
      for (const side of waitingSides(g.signedAt)) add('goal_signature', side);
  }
  for (const m of inputs.metrics)
    for (const side of waitingSides(m.signedAt)) add('metric_signature', side);
  for (const h of inputs.handoffs) {
    if (h.state === 'submitted') add('handoff_answer', h.receiverSide);
    for (const q of h.openQuestions)
      add('question_answer', q.askedBy === 'sender' ? h.receiverSide : h.senderSide);
  }
  for (const side of SIDES) if (!inputs.ownerUpdates[side]) add('weekly_update', side);
}

export type Cell = Portfolio['rows'][number]['areas']['goals'];

/** An area as the portfolio shows it: Ampel, score, how many reasons and the largest one. */
export function cellOf(a: AreaHealth): Cell {
  const top = a.reasons[0];
  return {
    ampel: a.ampel,
    score: a.score,
    applicable: a.applicable,
    reasons: a.reasons.length,
    top: top ? { de: describeReason(top, 'de'), en: describeReason(top, 'en') } : null,
  };
}

/**
 * A row's five cells: the stored rows and the portfolio computed from scratch both build them
 * here, so the two cannot drift apart.
 */
export function areasOf(health: HealthResult): Portfolio['rows'][number]['areas'] {
  return {
    goals: cellOf(health.pillars.goals),
    handoffs: cellOf(health.pillars.handoffs),
    demos: cellOf(health.pillars.demos),
    metrics: cellOf(health.pillars.metrics),
    owners: cellOf(health.owners),
  };
}
