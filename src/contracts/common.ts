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

/** Trimmed text with a maximum length and a readable message. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);
