/** Settings for `createTestApp` that many test files share. */

/** Sessions that outlive a test that moves the clock by days or months. */
export const LONG_SESSIONS = {
  SESSION_IDLE_MINUTES: '999999',
  SESSION_ABSOLUTE_MINUTES: '999999',
} as const;
