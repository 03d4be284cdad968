/**
 * The window a measurement's time must lie in: from 1970-01-01 up to (not including)
 * 2100-01-01, UTC. Outside it a time is a typo or a unit mistake (seconds for milliseconds),
 * and far outside it dates stop being calendar days that weeks and months can be made of.
 */
export const MEASUREMENT_WINDOW = {
  from: Date.UTC(1970, 0, 1),
  to: Date.UTC(2100, 0, 1),
  /** The same bounds as local calendar days (YYYY-MM-DD compares as text). */
  fromDay: '1970-01-01',
  toDay: '2100-01-01',
} as const;

export const MEASUREMENT_WINDOW_MESSAGE = 'must be between 1970-01-01 and 2099-12-31 (UTC)';

export const inMeasurementWindow = (epochMs: number): boolean =>
  Number.isFinite(epochMs) && epochMs >= MEASUREMENT_WINDOW.from && epochMs < MEASUREMENT_WINDOW.to;
