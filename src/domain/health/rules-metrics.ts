/**
 * Metrics: a defined and agreed metric where the stage needs one, definitions waiting for a
 * signature, no data for longer than the metric's period (plus grace), and machine sources
 * that stopped pushing.
 */
import type { Period } from '../periods.js';
import {
  dayOf,
  daysSince,
  missingForStage,
  reason,
  type RuleContext,
  waitingSides,
} from './context.js';
import type { HealthReason, MetricHealthFacts } from './types.js';

/** The length of a period in days (a month counts as 31, so a full month is never late). */
export const PERIOD_DAYS: Readonly<Record<Period, number>> = { day: 1, week: 7, month: 31 };

const isAgreed = (m: MetricHealthFacts) => waitingSides(m.signedAt).length === 0;

export function metricReasons(ctx: RuleContext): HealthReason[] {
  const { inputs, t: all, requires } = ctx;
  const t = all.metrics;
  const out: HealthReason[] = [];
  const tab = { kind: 'area', area: 'metrics' } as const;

  if (requires.metrics === 'agreed' && !inputs.metrics.some(isAgreed))
    out.push(missingForStage(ctx, 'metrics.none_agreed', 'required', tab));
  if (requires.metrics === 'defined' && inputs.metrics.length === 0)
    out.push(missingForStage(ctx, 'metrics.none_defined', 'expected', tab));

  for (const m of inputs.metrics) {
    const link = { kind: 'metric', metricId: m.id } as const;
    const periodDays = PERIOD_DAYS[m.period];
    const waitingFor = waitingSides(m.signedAt);
    if (waitingFor.length) {
      const days = daysSince(ctx, m.definitionSince);
      if (days >= t.definitionWaitDays)
        out.push(
          reason(
            ctx,
            'metrics.definition_unsigned',
            { metric: m.name, days, waitingFor },
            t.definitionWaitDeduction,
            link,
          ),
        );
    }

    if (m.lastDataAt) {
      const days = daysSince(ctx, m.lastDataAt);
      const deduction =
        days >= t.dataStaleRedPeriods * periodDays + t.dataGraceDays
          ? t.dataStaleRedDeduction
          : days >= periodDays + t.dataGraceDays
            ? t.dataStaleDeduction
            : 0;
      if (deduction > 0)
        out.push(
          reason(
            ctx,
            'metrics.data_stale',
            {
              metric: m.name,
              days,
              lastDataDay: dayOf(m.lastDataAt, inputs.timeZone),
              period: m.period,
            },
            deduction,
            link,
          ),
        );
    } else if (requires.metricData && waitingFor.length === 0) {
      const days = daysSince(ctx, m.createdAt);
      if (days >= periodDays + t.dataGraceDays)
        out.push(reason(ctx, 'metrics.no_data', { metric: m.name, days }, t.noDataDeduction, link));
    }

    for (const source of m.pushSources) {
      const days = daysSince(ctx, source.lastPushAt);
      if (days >= periodDays + t.pushGraceDays)
        out.push(
          reason(
            ctx,
            'metrics.push_silent',
            {
              metric: m.name,
              source: source.name,
              days,
              lastPushDay: dayOf(source.lastPushAt, inputs.timeZone),
            },
            t.pushSilentDeduction,
            { kind: 'pushSource', metricId: m.id, tokenId: source.tokenId },
          ),
        );
    }
  }
  return out;
}
