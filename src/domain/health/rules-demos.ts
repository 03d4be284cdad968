/**
 * Demos: a cadence where the stage expects one, adherence over the last 90 days (the same
 * figure as the demos tab, from domain/cadence.ts), overdue and long-missing demos, one side
 * staying away, the sides' confidence drifting apart, and overdue action items.
 * Days are local days in the cadence's time zone.
 */
import { adherence, ADHERENCE_WINDOW_DAYS, type CadenceInterval } from '../cadence.js';
import { localDay } from '../periods.js';
import { daysBetween, missingForStage, reason, type RuleContext, tieredReason } from './context.js';
import { SIDES } from '../sides.js';
import type { HealthReason } from './types.js';

/** The nominal gap between two demos of a cadence (a month counts as 31 days). */
export const CADENCE_INTERVAL_DAYS: Readonly<Record<CadenceInterval, number>> = {
  weekly: 7,
  every_2_weeks: 14,
  every_3_weeks: 21,
  every_4_weeks: 28,
  monthly: 31,
};

const byDayThenId = (a: { day: string; id: string }, b: { day: string; id: string }) =>
  a.day.localeCompare(b.day) || a.id.localeCompare(b.id);

export function demoReasons(ctx: RuleContext): HealthReason[] {
  const { inputs, t: all, requires } = ctx;
  const t = all.demos;
  const { cadence, occurrences, openActionItems } = inputs.demos;
  const today = localDay(ctx.now.getTime(), cadence?.timeZone ?? inputs.timeZone);
  const tab = { kind: 'area', area: 'demos' } as const;
  const out: HealthReason[] = [];

  if (!cadence && requires.demoCadence !== 'none')
    out.push(missingForStage(ctx, 'demos.no_cadence', requires.demoCadence, tab));

  if (cadence) {
    const a = adherence(
      occurrences.map((o) => ({ state: o.state, day: o.day })),
      today,
    );
    if (a.rate !== null && a.planned >= t.adherenceMinPlanned) {
      const ratePct = Math.round(a.rate * 100);
      const deduction =
        ratePct < t.adherenceRedPct
          ? t.adherenceRedDeduction
          : ratePct < t.adherenceAmberPct
            ? t.adherenceAmberDeduction
            : 0;
      if (deduction > 0)
        out.push(
          reason(
            ctx,
            'demos.adherence_low',
            { held: a.held, planned: a.planned, ratePct, windowDays: ADHERENCE_WINDOW_DAYS },
            deduction,
            tab,
          ),
        );
    }
    if (a.overdueSince !== null && a.daysOverdue !== null) {
      const missed = occurrences
        .filter((o) => o.state === 'planned' && o.day === a.overdueSince)
        .sort(byDayThenId)[0];
      out.push(
        ...tieredReason(
          ctx,
          'demos.overdue',
          { days: a.daysOverdue, since: a.overdueSince },
          a.daysOverdue,
          [t.overdueDays, t.overdueDeduction],
          [t.overdueLongDays, t.overdueLongDeduction],
          missed ? { kind: 'demo', occurrenceId: missed.id } : tab,
        ),
      );
    }
    const intervalDays = CADENCE_INTERVAL_DAYS[cadence.interval];
    const limit = intervalDays + t.lastHeldGraceDays;
    const lastHeld = [inputs.demos.lastHeldDay, a.lastHeldDay]
      .filter((d): d is string => d !== null && d <= today)
      .sort()
      .at(-1);
    if (lastHeld) {
      const days = daysBetween(lastHeld, today);
      if (days >= limit)
        out.push(
          reason(
            ctx,
            'demos.last_held_long_ago',
            { days, lastHeldDay: lastHeld, interval: cadence.interval },
            t.lastHeldDeduction,
            tab,
          ),
        );
    } else {
      const days = daysBetween(cadence.startsOn, today);
      if (days >= limit)
        out.push(
          reason(
            ctx,
            'demos.never_held',
            { days, startsOn: cadence.startsOn },
            t.lastHeldDeduction,
            tab,
          ),
        );
    }
  }

  // The latest held demos, newest first.
  const held = occurrences
    .filter((o) => o.state === 'held' && o.day <= today)
    .sort((a, b) => byDayThenId(b, a));
  const recent = held.slice(0, t.attendanceLookback);
  for (const side of SIDES) {
    const without = recent.filter((o) => o.attendance[side] === 0);
    const latest = without[0];
    if (latest && without.length >= t.oneSidedCount)
      out.push(
        reason(
          ctx,
          'demos.one_sided_attendance',
          { missingSide: side, count: without.length, of: recent.length },
          t.oneSidedDeduction,
          { kind: 'demo', occurrenceId: latest.id },
        ),
      );
  }

  const voted = held.find((o) => o.confidence.business !== null && o.confidence.it !== null);
  if (voted && voted.confidence.business !== null && voted.confidence.it !== null) {
    const difference =
      Math.round(Math.abs(voted.confidence.business - voted.confidence.it) * 100) / 100;
    if (difference >= t.confidenceDivergence)
      out.push(
        reason(
          ctx,
          'demos.confidence_divergent',
          {
            business: voted.confidence.business,
            it: voted.confidence.it,
            difference,
            day: voted.day,
          },
          t.confidenceDivergenceDeduction,
          { kind: 'demo', occurrenceId: voted.id },
        ),
      );
  }

  const overdue = openActionItems
    .filter((i) => i.dueDate !== null && daysBetween(i.dueDate, today) >= t.actionItemOverdueDays)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.id.localeCompare(b.id));
  const oldest = overdue[0];
  if (oldest?.dueDate)
    out.push(
      reason(
        ctx,
        'demos.action_items_overdue',
        {
          count: overdue.length,
          oldestDays: daysBetween(oldest.dueDate, today),
          oldestText: oldest.text,
        },
        Math.min(t.actionItemOverdueMaxDeduction, t.actionItemOverdueDeduction * overdue.length),
        { kind: 'actionItem', feedbackId: oldest.id, occurrenceId: oldest.occurrenceId },
      ),
    );
  return out;
}
