/**
 * The owners' own view beside the computed health: each week both owners say on track, at
 * risk or off track. A missing or outdated update, the two sides disagreeing, or an owner's
 * view contradicting the computed health is each a reason of its own.
 */
import { dayOf, daysSince, reason, type RuleContext } from './context.js';
import { SIDES } from '../sides.js';
import type { Ampel, HealthReason, OwnerView, Side } from './types.js';

const VIEW_RANK: Readonly<Record<OwnerView, number>> = { on_track: 0, at_risk: 1, off_track: 2 };
const AMPEL_RANK: Readonly<Record<Ampel, number>> = { green: 0, amber: 1, red: 2 };

/** `dataAmpel` is the weakest of the four pillars: what the data says. */
export function ownerReasons(ctx: RuleContext, dataAmpel: Ampel): HealthReason[] {
  const t = ctx.t.owners;
  const { ownerUpdates, createdAt, timeZone } = ctx.inputs;
  const out: HealthReason[] = [];
  const fresh: Partial<Record<Side, OwnerView>> = {};

  for (const side of SIDES) {
    const link = { kind: 'weeklyUpdate', side } as const;
    const update = ownerUpdates[side];
    if (!update) {
      // A new initiative has a week's grace before its first update is missed.
      if (daysSince(ctx, createdAt) >= t.updateStaleDays)
        out.push(reason(ctx, 'owners.update_missing', { side }, t.updateMissingDeduction, link));
      continue;
    }
    const days = daysSince(ctx, update.writtenAt);
    if (days >= t.updateStaleDays) {
      out.push(
        reason(
          ctx,
          'owners.update_stale',
          { side, days, writtenDay: dayOf(update.writtenAt, timeZone) },
          t.updateStaleDeduction,
          link,
        ),
      );
      continue; // an outdated view is neither compared with the other side nor the data
    }
    fresh[side] = update.view;
    if (Math.abs(VIEW_RANK[update.view] - AMPEL_RANK[dataAmpel]) >= t.contradictionMinSteps)
      out.push(
        reason(
          ctx,
          'owners.contradict_health',
          { side, view: update.view, ampel: dataAmpel },
          t.contradictionDeduction,
          link,
        ),
      );
  }

  if (fresh.business && fresh.it) {
    const steps = Math.abs(VIEW_RANK[fresh.business] - VIEW_RANK[fresh.it]);
    if (steps > 0)
      out.push(
        reason(
          ctx,
          'owners.disagree',
          { business: fresh.business, it: fresh.it, steps },
          steps >= 2 ? t.disagreeStrongDeduction : t.disagreeDeduction,
          { kind: 'area', area: 'owners' },
        ),
      );
  }
  return out;
}
