import type { CreateMetricBody } from '../../../contracts/metrics.js';
import type { Side } from '../../../domain/sides.js';
import type { Actor, AppContext } from '../../context.js';
import { createMetric, signMetric } from '../metrics/metrics.service.js';
import { createToken, pushMeasurements } from '../metrics/tokens.service.js';

/** A demo metric with a year of daily history that improves after `improvesDaysAgo`. */
export interface DemoMetric {
  definition: Omit<CreateMetricBody, 'businessOwnerId' | 'itOwnerId'>;
  /** Who has signed version 1. */
  signedBy: Side[];
  /** Typical daily value before and after the improvement. */
  before: number;
  after: number;
  noise: number;
  improvesDaysAgo: number;
  weekdaysOnly: boolean;
  /** Where the numbers come from (the API token's name). */
  feed: string;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

type PushPoint = { metricId: string; at: string; value: number; idempotencyKey: string };

/** Deterministic pseudo-random numbers (mulberry32), so the demo looks the same each time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The demo metrics. Those both sides signed were defined and signed while the initiative was
 * specified (`agreedAt`, with its goals); one still waiting for a signature was defined in
 * the last two weeks, so its wait on My desk is recent, as the goals' are. Their year of
 * numbers comes through their API token later: `pushHistory` sends it at `pushedAt` (the
 * story's end: a push may not carry numbers from after its own time), after the goals on
 * them were agreed, so a goal whose target the numbers reach is marked achieved by that push,
 * as it would be.
 */
export async function seedSampleMetrics(
  agreedAt: number,
  pushedAt: () => AppContext,
  people: { business: Actor; it: Actor },
  initiativeId: string,
  metrics: DemoMetric[],
  realNow: number,
): Promise<{ ids: Map<string, string>; pushHistory: () => Promise<void> }> {
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  const pushes: { secret: string; points: PushPoint[] }[] = [];
  for (const [index, m] of metrics.entries()) {
    const definedAt =
      (m.signedBy.length === 2 ? agreedAt : Math.max(agreedAt, realNow - 15 * DAY)) +
      index * 30 * MINUTE;
    // Each action five minutes after the one before, so the activity feed keeps their order.
    let actions = 0;
    const at = (): AppContext => {
      actions += 1;
      const time = new Date(definedAt + actions * 5 * MINUTE);
      return { ...pushedAt(), now: () => time };
    };
    const created = await createMetric(at(), people.business, initiativeId, {
      ...m.definition,
      businessOwnerId: people.business.id,
      itOwnerId: people.it.id,
    });
    ids.set(m.definition.name, created.id);
    for (const side of m.signedBy)
      await signMetric(at(), side === 'it' ? people.it : people.business, created.id, 1, side);
    let secret = tokens.get(m.feed);
    if (!secret) {
      secret = (await createToken(at(), people.it, initiativeId, m.feed)).secret;
      tokens.set(m.feed, secret);
    }
    const rnd = random(index * 7919 + m.definition.name.length);
    const points: PushPoint[] = [];
    const integer = m.definition.valueType === 'integer';
    for (let daysAgo = 365; daysAgo >= 1; daysAgo -= 1) {
      const instant = realNow - daysAgo * DAY;
      const weekday = new Date(instant).getUTCDay();
      if (m.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
      // A gentle ramp over 30 days from the old level to the new one.
      const progress = Math.min(1, Math.max(0, (m.improvesDaysAgo - daysAgo) / 30));
      const level = m.before + (m.after - m.before) * progress;
      let value = level + (rnd() - 0.5) * 2 * m.noise;
      const min = m.definition.minValue ?? -Infinity;
      const max = m.definition.maxValue ?? Infinity;
      value = Math.min(
        max,
        Math.max(min, integer ? Math.round(value) : Math.round(value * 10) / 10),
      );
      const day = new Date(instant).toISOString().slice(0, 10);
      points.push({
        metricId: created.id,
        at: `${day}T15:00:00Z`,
        value,
        idempotencyKey: `demo-${created.id}-${day}`,
      });
    }
    pushes.push({ secret, points });
  }
  const pushHistory = async () => {
    for (const { secret, points } of pushes)
      await pushMeasurements(pushedAt(), `Bearer ${secret}`, { points });
  };
  return { ids, pushHistory };
}
