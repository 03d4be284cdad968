import { randomBytes, randomUUID } from 'node:crypto';

/** Random id for entities. */
export const newId = (): string => randomUUID();

let lastMs = 0;
let counter = 0;

/**
 * UUIDv7 (RFC 9562) with a 12-bit counter in rand_a (method 1), so ids made in the
 * same millisecond by this process still sort in creation order. Used where rows
 * are read back in order (audit events) without a database sequence, which would
 * not be portable between SQLite and PostgreSQL.
 */
export function newSortableId(nowMs: number = Date.now()): string {
  let ms = nowMs;
  if (ms <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      // Counter exhausted within one millisecond: borrow the next millisecond.
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
