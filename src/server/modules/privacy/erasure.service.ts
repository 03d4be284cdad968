import { sql } from 'kysely';
import type { ErasureResult } from '../../../contracts/privacy.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { escapeLike } from '../../db/dialect.js';
import { conflict, notFound } from '../../http/problems.js';
import { entity, record, redactAuditEvent } from '../audit/audit.service.js';
import { columnsWith, PERSONAL_DATA } from './personal-data.js';

/** What an erased person is called from then on, everywhere. */
export const FORMER_COLLEAGUE = 'Former colleague';
export const pseudonymEmail = (userId: string) =>
  `former-colleague-${userId.replaceAll('-', '').slice(0, 12)}@erased.invalid`;

const replaceAllOf = (text: string, pairs: { from: string; to: string }[]) =>
  pairs.reduce((t, p) => t.split(p.from).join(p.to), text);

/**
 * Erases a person (admin): their account keeps its id but is called "Former colleague" with
 * an address that leads nowhere; sessions, calendar feeds and failed sign-ins go; every text
 * column the registry lists (personal-data.ts) has their name and address replaced; audit
 * events that mention them are redacted through the chain's recorded redaction, so
 * `tandem audit verify` still passes. Their work (comments, feedback, signatures) stays,
 * shown as by a former colleague. One transaction: all or nothing. Audited as `user.erased`.
 */
export async function erasePerson(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<ErasureResult> {
  if (userId === actor.id)
    throw conflict('Admins cannot erase themselves; ask another admin', 'erase_self');
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!person) throw notFound('person');
    const email = pseudonymEmail(person.id);
    const pairs = erasurePairs(await namesEverUsed(trx, person), email);
    let changedRows = 0;
    let redactedAuditEvents = 0;

    for (const entry of PERSONAL_DATA) {
      const t = sql.table(entry.table);
      if (entry.erasure === 'delete') {
        const people = columnsWith(entry, 'person');
        const identities = columnsWith(entry, 'identity');
        const r = await sql`delete from ${t} where ${sql.join(
          [
            ...people.map((c) => sql`${sql.ref(c)} = ${person.id}`),
            ...identities.map(
              (c) => sql`${sql.ref(c)} like ${`%${escapeLike(person.email)}%`} escape '\\'`,
            ),
          ],
          sql` or `,
        )}`.execute(trx);
        changedRows += Number(r.numAffectedRows ?? 0);
        continue;
      }
      if (entry.erasure === 'pseudonymise') {
        await trx
          .updateTable('users')
          .set({
            name: FORMER_COLLEAGUE,
            email,
            department: null,
            password_hash: null,
            invite_token_hash: null,
            invite_expires_at: null,
            disabled_at: sql<string>`coalesce(disabled_at, ${now.toISOString()})`,
            updated_at: now.toISOString(),
          })
          .where('id', '=', person.id)
          .execute();
        changedRows += 1;
        continue;
      }
      const texts = columnsWith(entry, 'text', 'identity');
      if (entry.table === 'audit_events') {
        redactedAuditEvents += await redactMentions(trx, pairs, {
          actorId: actor.id,
          at: now,
          reason: 'erasure',
        });
        continue;
      }
      for (const c of texts)
        for (const p of pairs) {
          const r =
            await sql`update ${t} set ${sql.ref(c)} = replace(${sql.ref(c)}, ${p.from}, ${p.to})
            where ${sql.ref(c)} like ${`%${escapeLike(p.from)}%`} escape '\\'`.execute(trx);
          changedRows += Number(r.numAffectedRows ?? 0);
        }
    }

    await record(trx, actor.id, now, entity('user', person.id, null), 'user.erased', {
      after: { name: FORMER_COLLEAGUE, email, redactedAuditEvents, changedRows },
    });
    return { userId: person.id, pseudonym: FORMER_COLLEAGUE, redactedAuditEvents, changedRows };
  });
}

/** The person's current name and address, and every earlier one the audit trail recorded. */
async function namesEverUsed(
  trx: DbOrTrx,
  person: { id: string; name: string; email: string },
): Promise<{ names: string[]; emails: string[] }> {
  const names = new Set([person.name]);
  const emails = new Set([person.email]);
  const events = await trx
    .selectFrom('audit_events')
    .select(['before', 'after'])
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', person.id)
    .execute();
  for (const e of events)
    for (const json of [e.before, e.after]) {
      if (!json) continue;
      const v = JSON.parse(json) as unknown;
      if (typeof v !== 'object' || v === null) continue;
      const { name, email } = v as { name?: unknown; email?: unknown };
      if (typeof name === 'string' && name !== FORMER_COLLEAGUE) names.add(name);
      if (typeof email === 'string' && !email.endsWith('@erased.invalid')) emails.add(email);
    }
  return { names: [...names], emails: [...emails] };
}

function erasurePairs(known: { names: string[]; emails: string[] }, email: string) {
  const pairs: { from: string; to: string }[] = [];
  const add = (from: string, to: string) => {
    if (from.length > 0 && !pairs.some((p) => p.from === from)) pairs.push({ from, to });
  };
  const inJson = (s: string) => JSON.stringify(s).slice(1, -1);
  const longestFirst = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length);
  // Addresses first: they may contain the name.
  for (const e of longestFirst(known.emails)) {
    add(e, email);
    add(inJson(e), email);
  }
  for (const n of longestFirst(known.names)) {
    add(n, FORMER_COLLEAGUE);
    add(inJson(n), FORMER_COLLEAGUE);
  }
  return pairs;
}

/** Redacts every audit event whose content mentions one of `pairs` (recorded, chain intact). */
async function redactMentions(
  trx: DbOrTrx,
  pairs: { from: string; to: string }[],
  by: { actorId: string | null; at: Date; reason: string },
): Promise<number> {
  const rows = await trx
    .selectFrom('audit_events')
    .select(['id', 'before', 'after'])
    .where((eb) =>
      eb.or(
        pairs.flatMap((p) => {
          const like = `%${escapeLike(p.from)}%`;
          return [
            sql<boolean>`${sql.ref('before')} like ${like} escape '\\'`,
            sql<boolean>`${sql.ref('after')} like ${like} escape '\\'`,
          ];
        }),
      ),
    )
    .orderBy('id')
    .execute();
  let n = 0;
  for (const row of rows) {
    const before = row.before === null ? null : replaceAllOf(row.before, pairs);
    const after = row.after === null ? null : replaceAllOf(row.after, pairs);
    if (before === row.before && after === row.after) continue; // a case-insensitive LIKE hit
    await redactAuditEvent(trx, row.id, { before, after }, by);
    n += 1;
  }
  return n;
}
