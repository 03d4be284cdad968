/**
 * Control characters that no text Tandem accepts may contain: C0 except TAB, LF and CR, DEL,
 * and the C1 range. (PostgreSQL cannot store NUL at all; the rest break exports.) The server
 * refuses them in every string of every request before validation; see server/http/input.ts.
 */
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
