import { z } from 'zod';
import { USER_STATES } from '../domain/people.js';
import { NewPassword } from './auth.js';
import { Account, Language, line, OrgRole, Side, Timestamp } from './common.js';

/** A user as an admin sees it. */
export const User = Account.extend({
  /** active: can sign in; invited: has not set a password yet; disabled: blocked. */
  state: z.enum(USER_STATES),
  createdAt: Timestamp,
}).meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** What every signed-in person may see of others (for pickers and names). */
export const Person = Account.omit({ language: true }).meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

const department = line(100, 0)
  .transform((v) => (v === '' ? null : v))
  .nullable();

export const CreateUserBody = z.object({
  email: z
    .email('must be an email address')
    .max(320, 'is too long')
    .transform((v) => v.toLowerCase()),
  name: line(200),
  language: Language.default('de'),
  department: department.optional(),
  side: Side,
  role: OrgRole.default('member'),
  /** Set a password now, or leave it out to get an invitation link. */
  password: NewPassword.optional(),
});
export type CreateUserBody = z.input<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    name: line(200),
    language: Language,
    department: department,
    side: Side,
    role: OrgRole,
    disabled: z.boolean(),
  })
  .partial();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const INVITE_EMAIL_OUTCOMES = ['sent', 'failed', 'off'] as const;
export const InviteEmail = z.enum(INVITE_EMAIL_OUTCOMES);
export type InviteEmail = z.infer<typeof InviteEmail>;

/** A new invitation link (POST /api/users/:id/invite). */
export const Reinvited = z.object({
  inviteUrl: z.string(),
  inviteExpiresAt: z.string(),
  inviteEmail: InviteEmail,
});
export type Reinvited = z.infer<typeof Reinvited>;

export const CreatedUser = z.object({
  user: User,
  /** Present when the user was invited: the link to send them (shown once). */
  inviteUrl: z.string().optional(),
  inviteExpiresAt: Timestamp.optional(),
  /**
   * Whether the invitation went out by email: `sent`, `failed` (show the link to copy; the
   * admin may send a new one), `off` (no SMTP server configured).
   */
  inviteEmail: InviteEmail.optional(),
});
export type CreatedUser = z.infer<typeof CreatedUser>;
