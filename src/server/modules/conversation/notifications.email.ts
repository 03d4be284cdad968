/**
 * Sends the email of a notification over SMTP (nodemailer): an external outbox subscriber,
 * so a slow or unreachable mail server never holds up anybody's action. Retried with
 * backoff; after the last attempt the notification's email is marked failed (the inbox
 * still has it). The event id is the Message-ID, and the send is a recorded step, so a
 * redelivered event does not send twice.
 */
import { oneLine } from '../../../domain/conversation.js';
import type { ExternalSubscriber } from '../../events/registry.js';
import { publicBase, transportFor } from '../../mail.js';
import { composeEmail } from './email.js';
import { EMAIL_REQUESTED } from './notifications.repository.js';

export { publicBase };

export const PREFERENCES_PATH = '/profile#notifications';

export const EMAIL_MAX_ATTEMPTS = 6;

export const emailSubscriber: ExternalSubscriber = {
  name: 'notifications.email',
  events: [EMAIL_REQUESTED],
  external: true,
  maxAttempts: EMAIL_MAX_ATTEMPTS,
  retryDelayMs: 30_000,
  maxRetryDelayMs: 30 * 60_000,
  leaseMs: 60_000,
  async handle(event, { ctx, attempt, step }) {
    const db = ctx.db.kysely;
    const n = await db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .leftJoin('users as a', 'a.id', 'n.actor_id')
      .select([
        'n.id',
        'n.kind',
        'n.title',
        'n.excerpt',
        'n.link',
        'n.email_status',
        'u.email',
        'u.name',
        'u.language',
        'u.disabled_at',
        'a.name as actor_name',
      ])
      .where('n.id', '=', event.entityId)
      .executeTakeFirst();
    if (!n || n.email_status !== 'pending') return;
    const mark = (status: 'sent' | 'failed' | 'none', error: string | null) =>
      db
        .updateTable('notifications')
        .set({ email_status: status, email_error: error })
        .where('id', '=', n.id)
        .where('email_status', '=', 'pending')
        .execute();
    const smtp = ctx.config.smtp;
    if (!smtp || n.disabled_at) {
      await mark('none', smtp ? 'account disabled' : 'email is off');
      return;
    }
    const base = publicBase(ctx);
    const mail = composeEmail({
      kind: n.kind,
      language: n.language,
      title: n.title,
      excerpt: n.excerpt,
      actorName: n.actor_name,
      itemUrl: `${base}${n.link}`,
      preferencesUrl: `${base}${PREFERENCES_PATH}`,
    });
    try {
      await step('send', async () => {
        await transportFor(smtp).sendMail({
          from: smtp.from,
          to: { name: oneLine(n.name), address: n.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          messageId: `<${event.id}@tandem>`,
        });
      });
    } catch (err) {
      if (attempt >= EMAIL_MAX_ATTEMPTS)
        await mark('failed', err instanceof Error ? err.message.slice(0, 500) : String(err));
      throw err;
    }
    await mark('sent', null);
  },
};
