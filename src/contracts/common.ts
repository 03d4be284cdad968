import { z } from 'zod';
import { LANGUAGES, ORG_ROLES } from '../domain/people.js';
import { SIDES } from '../domain/sides.js';

/** The two sides of every initiative. */
export const Side = z.enum(SIDES);
export type Side = z.infer<typeof Side>;

export const OrgRole = z.enum(ORG_ROLES);
export type OrgRole = z.infer<typeof OrgRole>;

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Id = z.uuid('must be an id');

/** ISO-8601 UTC timestamp as stored and returned by the API. */
export const Timestamp = z.string();

/** A compact reference to a person, used wherever a person appears. */
export const PersonRef = z
  .object({ id: z.string(), name: z.string(), side: Side, department: z.string().nullable() })
  .meta({ id: 'PersonRef' });
export type PersonRef = z.infer<typeof PersonRef>;

/** A person's account: what they see of themselves, and (with more) what admins see. */
export const Account = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  language: Language,
  department: z.string().nullable(),
  side: Side,
  role: OrgRole,
});

/** RFC 9457 problem details, with the offending fields in `errors`. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    errors: z
      .array(
        z.object({
          /** JSON pointer to the field, e.g. /body/title */
          pointer: z.string(),
          message: z.string(),
          code: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export { CONTROL_CHARACTER } from '../domain/text.js';

/** Anything that breaks a line or a field in a single-line value: every control, LS and PS. */
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** Trimmed text with a maximum length and a readable message. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

/**
 * A single-line text (names, titles, locations, sources): no line breaks, tabs or other
 * control characters, because such values end up in calendar feeds, CSV cells, file names
 * and mail headers. For request bodies only: stored values are never re-validated by it.
 */
export const line = (max: number, min = 1) =>
  text(max, min).refine((v) => !LINE_BREAK_OR_CONTROL.test(v), {
    message: 'must be a single line without tabs or control characters',
  });

/** True for an absolute http(s) address: never javascript:, data:, file: or the like. */
export function isWebLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A stored link people will click: http(s) only. `allowEmpty` for optional links (''). */
export const webLink = (allowEmpty = false) =>
  z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .refine((v) => (allowEmpty && v === '') || isWebLink(v), {
      message: 'must be a web address (https://…)',
    });
