import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { z } from 'zod';
import type { CalendarFeed, NewCalendarFeed } from '../../../contracts/demos.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import { AppError, notFound } from '../../http/problems.js';
import { checkAccess } from '../../http/security.js';
import { appendAudit } from '../audit/audit.service.js';
import { findPeople } from '../people/people.service.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import { hashSecret, newSecret } from '../../secrets.js';
import { ensureOccurrences } from './schedule.service.js';
import { escapeIcsText, icsText, vtimezone, zoned } from './ics.js';

export const FEED_PREFIX = 'tdc_';
/** Headers of every feed answer, found or not: never cached, never leaked as a referrer. */
export const FEED_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
const PAST_DAYS = 60;

type CalendarFeedView = z.infer<typeof CalendarFeed>;

const feedPath = (token: string) => `/api/calendar/${token}.ics`;

/**
 * A new secret feed link for me: all my demos (initiativeId null) or one initiative's.
 * An existing link of the same scope is revoked: creating again resets the link.
 */
export async function createFeed(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string | null,
): Promise<NewCalendarFeed> {
  const now = ctx.now();
  const token = `${FEED_PREFIX}${newSecret()}`;
  const id = newId();
  let initiative: { id: string; title: string } | null = null;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (initiativeId) {
      const { row } = await loadReadable(trx, actor, initiativeId);
      initiative = { id: row.id, title: row.title };
    }
    let q = trx
      .updateTable('calendar_feeds')
      .set({ revoked_at: now.toISOString() })
      .where('user_id', '=', actor.id)
      .where('revoked_at', 'is', null);
    q = initiativeId
      ? q.where('initiative_id', '=', initiativeId)
      : q.where('initiative_id', 'is', null);
    await q.execute();
    await trx
      .insertInto('calendar_feeds')
      .values({
        id,
        token_hash: hashSecret(token),
        user_id: actor.id,
        initiative_id: initiativeId,
        created_at: now.toISOString(),
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'calendar_feed',
      entityId: id,
      initiativeId,
      action: 'calendar_feed.created',
      after: { scope: initiativeId ? 'initiative' : 'person' },
      at: now,
    });
  });
  const path = feedPath(token);
  return {
    id,
    initiative,
    createdAt: now.toISOString(),
    lastUsedAt: null,
    path,
    url: ctx.config.publicUrl ? new URL(path, ctx.config.publicUrl).toString() : path,
  };
}

export async function listFeeds(ctx: AppContext, actor: Actor): Promise<CalendarFeedView[]> {
  const rows = await ctx.db.kysely
    .selectFrom('calendar_feeds as f')
    .leftJoin('initiatives as i', 'i.id', 'f.initiative_id')
    .select(['f.id', 'f.initiative_id', 'i.title', 'f.created_at', 'f.last_used_at'])
    .where('f.user_id', '=', actor.id)
    .where('f.revoked_at', 'is', null)
    .orderBy('f.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    initiative: r.initiative_id ? { id: r.initiative_id, title: r.title ?? '' } : null,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function revokeFeed(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', actor.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('Calendar feed');
    await trx
      .updateTable('calendar_feeds')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'calendar_feed',
      entityId: id,
      initiativeId: row.initiative_id,
      action: 'calendar_feed.revoked',
      at: now,
    });
  });
}

const feedNotFound = () =>
  new AppError(404, 'not_found', 'Calendar feed not found', [], FEED_HEADERS);

/**
 * The feed behind a secret token, checked against the person's current access: a disabled
 * person, a revoked or unknown token, or an initiative they may no longer read → 404.
 */
export async function renderFeed(ctx: AppContext, file: string): Promise<string> {
  const db: DbOrTrx = ctx.db.kysely;
  const now = ctx.now();
  const m = /^(tdc_[A-Za-z0-9_-]{20,100})\.ics$/.exec(file);
  const secret = m?.[1];
  if (!secret) throw feedNotFound();
  // Who the feed belongs to and what they may read now: fails closed (403 / 503, never 500).
  const { feed, user, initiativeIds } = await checkAccess('calendar feed', async () => {
    const feed = await db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('token_hash', '=', hashSecret(secret))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!feed) throw feedNotFound();
    const user = await db
      .selectFrom('users')
      .select(['id', 'role', 'disabled_at', 'name'])
      .where('id', '=', feed.user_id)
      .executeTakeFirst();
    if (!user || user.disabled_at) throw feedNotFound();
    // The owner's access now, by the one read rule: a feed of an initiative taken from them
    // (or made members-only) goes quiet.
    if (feed.initiative_id) {
      const readable = await readableInitiativeIds(db, user)
        .where('readable.id', '=', feed.initiative_id)
        .executeTakeFirst();
      if (!readable) throw feedNotFound();
      return { feed, user, initiativeIds: [readable.id] };
    }
    // "All my demos": the initiatives whose team the owner is on (members always read them).
    const memberships = await db
      .selectFrom('initiative_members')
      .select('initiative_id')
      .where('user_id', '=', user.id)
      .execute();
    return { feed, user, initiativeIds: memberships.map((r) => r.initiative_id) };
  });
  const cadences = initiativeIds.length
    ? await db
        .selectFrom('demo_cadences as c')
        .innerJoin('initiatives as i', 'i.id', 'c.initiative_id')
        .selectAll('c')
        .select(['i.title', 'i.status'])
        .where('c.initiative_id', 'in', initiativeIds)
        .execute()
    : [];
  for (const c of cadences) await ensureOccurrences(db, c, now);
  const from = new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString();
  const rows = cadences.length
    ? await db
        .selectFrom('demo_occurrences')
        .selectAll()
        .where(
          'cadence_id',
          'in',
          cadences.map((c) => c.id),
        )
        .where('starts_at', '>=', from)
        .orderBy('starts_at')
        .execute()
    : [];
  const people = new Map(
    (
      await findPeople(db, [
        ...new Set(rows.map((r) => r.presenter_id).filter((x): x is string => x !== null)),
      ])
    ).map((p) => [p.id, p.name]),
  );
  const byId = new Map(cadences.map((c) => [c.id, c]));
  const zones = new Set(cadences.map((c) => c.time_zone));
  const maxMs = rows.length ? Date.parse(rows.at(-1)?.ends_at ?? '') : now.getTime();
  const cal = ical({
    name: escapeIcsText(
      feed.initiative_id ? `Tandem: ${cadences[0]?.title ?? 'Demos'}` : `Tandem: ${user.name}`,
    ),
    prodId: { company: 'Tandem', product: 'Demos', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
    // No calendar-wide zone: DTSTAMP and LAST-MODIFIED stay in UTC; each event names its own.
    timezone: {
      name: null,
      generator: (tz) => (zones.has(tz) ? vtimezone(tz, Date.parse(from), maxMs) : null),
    },
  });
  const base = ctx.config.publicUrl;
  for (const o of rows) {
    const c = byId.get(o.cadence_id);
    if (!c) continue;
    const presenter = o.presenter_id ? people.get(o.presenter_id) : undefined;
    const description = icsText(
      [
        presenter ? `Presenter: ${presenter}` : '',
        o.reason
          ? `${o.state === 'planned' ? 'Moved' : o.state === 'held' ? 'Note' : 'Reason'}: ${o.reason}`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    cal.createEvent({
      // The rule day is the occurrence's identity: moving or cancelling it updates in place.
      id: `${o.cadence_id}-${o.rule_date.replace(/-/g, '')}@tandem`,
      sequence: o.sequence,
      start: zoned(Date.parse(o.starts_at), c.time_zone),
      end: zoned(Date.parse(o.ends_at), c.time_zone),
      timezone: c.time_zone,
      stamp: new Date(o.updated_at),
      lastModified: new Date(o.updated_at),
      summary: icsText(`Demo: ${c.title}`),
      description: description || null,
      location: icsText(c.location) || null,
      url: base ? new URL(`/initiatives/${c.initiative_id}/demos`, base).toString() : null,
      status:
        o.state === 'cancelled' || o.state === 'skipped'
          ? ICalEventStatus.CANCELLED
          : ICalEventStatus.CONFIRMED,
    });
  }
  // Remember the last fetch (at most once an hour, so polling calendars do not write much).
  if (!feed.last_used_at || Date.parse(feed.last_used_at) < now.getTime() - 3_600_000)
    await db
      .updateTable('calendar_feeds')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', feed.id)
      .execute();
  return cal.toString();
}
