import { z } from 'zod';
import { PERSONAL_TOKEN_ACCESS } from '../domain/account-security.js';
import { line, Timestamp } from './common.js';

/** A personal API token as its owner sees it (never the secret, which is shown once). */
export const PersonalToken = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The first characters of the secret, to recognise it (tdp_ab12…). */
    prefix: z.string(),
    access: z.enum(PERSONAL_TOKEN_ACCESS),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'PersonalToken' });
export type PersonalToken = z.infer<typeof PersonalToken>;

export const CreatePersonalTokenBody = z.object({
  name: line(100),
  access: z.enum(PERSONAL_TOKEN_ACCESS),
  /** Valid for this many days (1 to 366). */
  expiresInDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(366, 'must be at most 366 days'),
});
export type CreatePersonalTokenBody = z.infer<typeof CreatePersonalTokenBody>;

/** The answer to creating a token: the only time its secret is shown. */
export const CreatedPersonalToken = PersonalToken.extend({ secret: z.string() });
export type CreatedPersonalToken = z.infer<typeof CreatedPersonalToken>;

/** One signed-in browser or device. */
export const SessionInfo = z
  .object({
    id: z.string(),
    /** Browser and operating system read from the user agent (null: not recognised). */
    browser: z.string().nullable(),
    os: z.string().nullable(),
    mobile: z.boolean(),
    /** The client's address (behind TRUST_PROXY: the forwarded one). */
    ip: z.string().nullable(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    /** The session this request came with. */
    current: z.boolean(),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const EndedSessions = z.object({ ended: z.number().int() });
export type EndedSessions = z.infer<typeof EndedSessions>;
