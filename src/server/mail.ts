/**
 * Sending email over SMTP (nodemailer), shared by notifications and account emails
 * (invitations, password resets). One transport per SMTP configuration; bounded timeouts so
 * an unreachable mail server fails within seconds.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from './config.js';
import type { AppContext } from './context.js';

const transports = new WeakMap<SmtpConfig, Transporter>();

export function transportFor(smtp: SmtpConfig): Transporter {
  let t = transports.get(smtp);
  if (!t) {
    t = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth ? { auth: smtp.auth } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtp, t);
  }
  return t;
}

/** The address the app is reached at, for links in emails. */
export function publicBase(ctx: AppContext): string {
  const url = ctx.config.publicUrl;
  if (url) return url.origin + url.pathname.replace(/\/$/, '');
  const host = ctx.config.host === '0.0.0.0' ? 'localhost' : ctx.config.host;
  return `http://${host}:${ctx.config.port}`;
}
