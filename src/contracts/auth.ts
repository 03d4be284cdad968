import { z } from 'zod';
import { Account, Language, line } from './common.js';

export const LoginBody = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(320, 'is too long'),
  password: z.string().min(1, 'must not be empty').max(1024, 'is too long'),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** The signed-in person. */
export const Me = Account.meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const UpdateMeBody = z
  .object({
    name: line(200),
    language: Language,
  })
  .partial();
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/** Passwords: at least 12 characters (NIST SP 800-63B), at most 256. */
export const NewPassword = z
  .string()
  .min(12, 'must be at least 12 characters long')
  .max(256, 'must be at most 256 characters long');

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, 'must not be empty'),
  newPassword: NewPassword,
  /** End my sessions in other browsers too (default: yes). */
  endOtherSessions: z.boolean().optional(),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const AcceptInviteBody = z.object({
  token: z.string().min(1, 'must not be empty').max(200, 'is too long'),
  password: NewPassword,
});
export type AcceptInviteBody = z.infer<typeof AcceptInviteBody>;

/** "Forgot password?": always answered the same, whether the account exists or not. */
export const PasswordResetRequestBody = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(320, 'is too long'),
});
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

export const PasswordResetBody = z.object({
  token: z.string().min(1, 'must not be empty').max(200, 'is too long'),
  password: NewPassword,
});
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;

export const InviteInfo = z.object({ email: z.string(), name: z.string() });
export type InviteInfo = z.infer<typeof InviteInfo>;

/** How people sign in here (the sign-in page asks before it shows anything). */
export const SignInOptions = z.object({
  /** false: passwords are switched off. */
  localLogin: z.boolean(),
  /** Single sign-on: the button says "Sign in with <displayName>". */
  sso: z.object({ displayName: z.string(), startUrl: z.string() }).nullable(),
  /** true: "Forgot password?" sends a reset link (passwords on and email configured). */
  passwordReset: z.boolean(),
});
export type SignInOptions = z.infer<typeof SignInOptions>;

/** Why a single sign-on was refused: the app redirects to `/login?sso=<reason>`. */
export const SSO_REFUSALS = [
  'state',
  'refused',
  'account_exists',
  'not_registered',
  'disabled',
  'unavailable',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];
