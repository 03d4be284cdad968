/**
 * Handoffs: the receiver's answer is overdue, work came back more than once, clarification
 * questions stay open. Due dates are UTC calendar days, as on the handoff page.
 */
import {
  daysBetween,
  reason,
  type RuleContext,
  tiered,
  tieredReason,
  utcDaysSince,
} from './context.js';
import type { HandoffHealthFacts, HealthReason } from './types.js';

const OPEN = new Set(['submitted', 'returned']);

/** Returns count while the handoff is open, and for a while after its acceptance. */
function reworkCounts(ctx: RuleContext, h: HandoffHealthFacts): boolean {
  if (OPEN.has(h.state)) return true;
  if (h.state !== 'accepted' || !h.closedAt) return false;
  return utcDaysSince(ctx, h.closedAt) < ctx.t.handoffs.reworkMemoryDays;
}

export function handoffReasons(ctx: RuleContext): HealthReason[] {
  const t = ctx.t.handoffs;
  const out: HealthReason[] = [];
  for (const h of ctx.inputs.handoffs) {
    const link = { kind: 'handoff', handoffId: h.id } as const;
    const names = { handoff: h.title, from: h.fromStage, to: h.toStage };

    if (h.state === 'submitted') {
      const days = daysBetween(h.dueDate, ctx.utcToday);
      out.push(
        ...tieredReason(
          ctx,
          'handoffs.answer_overdue',
          { ...names, days, dueDate: h.dueDate, waitingFor: h.receiverSide },
          days,
          [t.answerOverdueDays, t.answerOverdueDeduction],
          [t.answerOverdueLongDays, t.answerOverdueLongDeduction],
          link,
        ),
      );
    }

    if (reworkCounts(ctx, h)) {
      out.push(
        ...tieredReason(
          ctx,
          'handoffs.returned_repeatedly',
          { ...names, returns: h.returns },
          h.returns,
          [t.returnedCount, t.returnedDeduction],
          [t.returnedManyCount, t.returnedManyDeduction],
          link,
        ),
      );
    }

    if (!OPEN.has(h.state)) continue;
    const aged = h.openQuestions
      .map((q) => ({ q, days: utcDaysSince(ctx, q.askedAt) }))
      .filter((x) => x.days >= t.questionOpenDays)
      .sort((a, b) => b.days - a.days || a.q.id.localeCompare(b.q.id));
    const oldest = aged[0];
    if (!oldest) continue;
    out.push(
      reason(
        ctx,
        'handoffs.question_open',
        {
          ...names,
          count: aged.length,
          days: oldest.days,
          // The other party owes the answer.
          waitingFor: oldest.q.askedBy === 'sender' ? h.receiverSide : h.senderSide,
        },
        tiered(
          oldest.days,
          [t.questionOpenDays, t.questionOpenDeduction],
          [t.questionOpenLongDays, t.questionOpenLongDeduction],
        ),
        { ...link, questionId: oldest.q.id },
      ),
    );
  }
  return out;
}
