/**
 * Account emails: the invitation and the password reset link, in the recipient's language,
 * as plain text and HTML (every value escaped). Names and subjects are single lines, so no
 * value can start a new header; nodemailer encodes them. Sending is `sendAccountEmail`.
 */
import { randomUUID } from 'node:crypto';
import { oneLine } from '../../../domain/conversation.js';
import type { Language } from '../../../domain/people.js';
import type { AppContext } from '../../context.js';
import { transportFor } from '../../mail.js';

interface Words {
  subject: string;
  intro: string;
  /** Invitations without a person behind them (the `tandem` CLI). */
  subjectNoInviter?: string;
  introNoInviter?: string;
  action: string;
  expiry: string;
  outro: string;
}

const INVITE: Record<Language, Words> = {
  en: {
    subject: '{{inviter}} invited you to Tandem',
    intro:
      'Hello {{name}}, {{inviter}} invited you to Tandem, where business and IT run AI and automation initiatives together. Your account is {{email}}.',
    subjectNoInviter: 'You are invited to Tandem',
    introNoInviter:
      'Hello {{name}}, you are invited to Tandem, where business and IT run AI and automation initiatives together. Your account is {{email}}.',
    action: 'Set your password',
    expiry: 'The link is valid until {{expires}} and works once.',
    outro: 'If you did not expect this invitation, you can ignore this email.',
  },
  de: {
    subject: '{{inviter}} hat Sie zu Tandem eingeladen',
    intro:
      'Hallo {{name}}, {{inviter}} hat Sie zu Tandem eingeladen, wo Fachbereich und IT KI- und Automatisierungsinitiativen gemeinsam voranbringen. Ihr Konto ist {{email}}.',
    subjectNoInviter: 'Sie sind zu Tandem eingeladen',
    introNoInviter:
      'Hallo {{name}}, Sie sind zu Tandem eingeladen, wo Fachbereich und IT KI- und Automatisierungsinitiativen gemeinsam voranbringen. Ihr Konto ist {{email}}.',
    action: 'Passwort festlegen',
    expiry: 'Der Link gilt bis {{expires}} und funktioniert einmal.',
    outro: 'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
  },
};

const RESET: Record<Language, Words> = {
  en: {
    subject: 'Reset your Tandem password',
    intro:
      'Hello {{name}}, somebody (hopefully you) asked to reset the password of your Tandem account {{email}}.',
    action: 'Choose a new password',
    expiry:
      'The link is valid for one hour (until {{expires}}) and works once. Setting a new password signs you out everywhere.',
    outro: 'If you did not ask for this, ignore this email: your password stays as it is.',
  },
  de: {
    subject: 'Ihr Tandem-Passwort zurücksetzen',
    intro:
      'Hallo {{name}}, jemand (hoffentlich Sie) hat angefordert, das Passwort Ihres Tandem-Kontos {{email}} zurückzusetzen.',
    action: 'Neues Passwort wählen',
    expiry:
      'Der Link gilt eine Stunde (bis {{expires}}) und funktioniert einmal. Ein neues Passwort meldet Sie überall ab.',
    outro:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
  },
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** "8 December 2026, 14:05 UTC" / "8. Dezember 2026, 14:05 UTC". */
export function formatExpiry(iso: string, language: Language): string {
  const f = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
    hourCycle: 'h23',
  });
  return `${f.format(new Date(iso))} UTC`;
}

export interface AccountEmailInput {
  kind: 'invite' | 'reset';
  language: Language;
  name: string;
  email: string;
  /** Who invited (invitations only); none: the invitation does not name anybody. */
  inviterName?: string | null;
  /** The absolute link with the token. */
  url: string;
  expiresAt: string;
}

export interface ComposedAccountEmail {
  subject: string;
  text: string;
  html: string;
}

const NAME_MAX = 100;
const short = (s: string) => {
  const one = oneLine(s);
  return one.length > NAME_MAX ? `${one.slice(0, NAME_MAX - 1)}…` : one;
};

export function composeAccountEmail(input: AccountEmailInput): ComposedAccountEmail {
  const words = (input.kind === 'invite' ? INVITE : RESET)[input.language];
  const values = {
    name: short(input.name),
    email: oneLine(input.email),
    inviter: short(input.inviterName ?? 'Tandem'),
    expires: formatExpiry(input.expiresAt, input.language),
  };
  const anonymous = !input.inviterName;
  const subject = oneLine(
    fill((anonymous ? words.subjectNoInviter : undefined) ?? words.subject, values),
  );
  const intro = fill((anonymous ? words.introNoInviter : undefined) ?? words.intro, values);
  const expiry = fill(words.expiry, values);
  const text = [intro, '', `${words.action}: ${input.url}`, '', expiry, '', words.outro, ''].join(
    '\n',
  );
  const html = [
    '<!doctype html>',
    `<html lang="${input.language}"><body style="font-family: sans-serif">`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(words.action)}</a></p>`,
    `<p>${escapeHtml(expiry)}</p>`,
    `<p style="color: #666; font-size: 12px">${escapeHtml(words.outro)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** Sends one account email; rejects when SMTP is off or the server refuses or fails. */
export async function sendAccountEmail(
  ctx: AppContext,
  to: { name: string; address: string },
  mail: ComposedAccountEmail,
): Promise<void> {
  const smtp = ctx.config.smtp;
  if (!smtp) throw new Error('email is off (no SMTP server configured)');
  await transportFor(smtp).sendMail({
    from: smtp.from,
    to: { name: short(to.name), address: to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Auto-Submitted': 'auto-generated' },
    messageId: `<${randomUUID()}@tandem>`,
  });
}
