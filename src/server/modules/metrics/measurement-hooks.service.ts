import type { DbOrTrx } from '../../db/connect.js';

/**
 * What other modules do when measurements are stored, in the same transaction (goals mark
 * themselves achieved). Metrics call the listeners without knowing who listens, so no module
 * that reads metrics is imported back by them. A later step moves this onto an event outbox.
 */
export type MeasurementsStored = (trx: DbOrTrx, metricIds: string[], now: Date) => Promise<void>;

const listeners = new Set<MeasurementsStored>();

/** Registers a listener once (registering the same function again changes nothing). */
export function onMeasurementsStored(listener: MeasurementsStored): void {
  listeners.add(listener);
}

export async function measurementsStored(
  trx: DbOrTrx,
  metricIds: string[],
  now: Date,
): Promise<void> {
  for (const listener of listeners) await listener(trx, metricIds, now);
}
