/**
 * Live: "initiative X changed" messages to open browser tabs (server-sent events).
 *
 * Committed domain events reach the outbox subscriber `live.relay` (at most a second after
 * commit, on whichever instance claims the delivery). On SQLite it tells this process's hub
 * directly; on PostgreSQL it sends `pg_notify('tandem_live', initiativeId)` inside its
 * delivery transaction, so the message leaves exactly when the delivery is marked done, and
 * every instance's hub hears it on a dedicated listening connection (reconnecting after a
 * loss, and then telling its clients to refresh everything, since messages may have been
 * missed). Each hub collects the changed initiatives for a moment and sends each connected
 * client only those it may read (the one read rule, readableInitiativeIds).
 */
import { sql } from 'kysely';
import { PgListener } from '../../db/listener.js';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/connect.js';
import type { TransactionalSubscriber } from '../../events/registry.js';
import { NOTIFICATIONS_CREATED } from '../conversation/notifications.service.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';

const CHANNEL = 'tandem_live';
/** "New notifications for these people": comma-separated user ids. */
const INBOX_CHANNEL = 'tandem_live_inbox';
/** NOTIFY payloads must stay below 8000 bytes: ids are sent in chunks of this many. */
const IDS_PER_NOTIFY = 150;

export interface LiveClient {
  actor: Pick<Actor, 'id' | 'role'>;
  /** Writes one chunk of the event stream. */
  write(chunk: string): void;
  /** Ends the stream (shutdown, session ended). */
  end(): void;
  /** Still signed in? Asked at every heartbeat. */
  valid(): Promise<boolean>;
}

export interface LiveOptions {
  heartbeatMs?: number;
  /** How long changes are collected before they are sent (one message per initiative). */
  flushMs?: number;
}

const hubs = new WeakMap<Db, LiveHub>();

/** One SSE message. `data` is JSON; the web listens for `change` and `resync`. */
export const sseMessage = (event: string, data: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  private readonly pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private listener: LiveListener | undefined;
  private closed = false;
  private readonly heartbeatMs: number;
  private readonly flushMs: number;
  /**
   * When this hub last heard of a change or a new notification, or may have missed one (its
   * start, a lost listening connection); performance.now(). See add().
   */
  private lastHeardAt = performance.now();

  constructor(
    private readonly ctx: AppContext,
    options: LiveOptions = {},
    private readonly log: (err: unknown, msg: string) => void = () => undefined,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.flushMs = options.flushMs ?? 50;
    hubs.set(ctx.db, this);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Resolves once messages from every instance reach this hub (PostgreSQL: listening). */
  async ready(): Promise<void> {
    if (this.ctx.db.dialect !== 'postgres' || this.ctx.config.database.dialect !== 'postgres')
      return;
    this.listener ??= new LiveListener(
      this.ctx.config.database.url,
      (id) => this.changed(id),
      (ids) => this.inboxChanged(ids),
      () => {
        this.lastHeardAt = performance.now();
        this.broadcast(sseMessage('resync', {}));
      },
      this.log,
    );
    await this.listener.listening;
  }

  /**
   * A new stream. `dataAgeMs`: how old the data its page shows may be (the browser opens the
   * stream after the page has drawn, so a change can fall between the page's reads and this):
   * when this hub heard of a change or a new notification within that time, or started within
   * it (it cannot know what came before), the stream begins with `resync`. Otherwise nothing
   * was missed and the page refreshes nothing.
   */
  add(client: LiveClient, dataAgeMs?: number): () => void {
    if (this.closed) {
      client.end();
      return () => undefined;
    }
    if (dataAgeMs !== undefined && performance.now() - this.lastHeardAt <= dataAgeMs)
      client.write(sseMessage('resync', {}));
    this.clients.add(client);
    this.heartbeatTimer ??= setInterval(() => void this.heartbeat(), this.heartbeatMs);
    return () => this.remove(client);
  }

  private remove(client: LiveClient): void {
    this.clients.delete(client);
    if (this.clients.size === 0 && this.heartbeatTimer) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
    }
  }

  /** An initiative changed: its readers hear of it shortly. */
  changed(initiativeId: string): void {
    this.lastHeardAt = performance.now();
    if (this.closed || this.clients.size === 0) return;
    this.pending.add(initiativeId);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush().catch((err: unknown) => this.log(err, 'live: sending changes failed'));
    }, this.flushMs);
  }

  /**
   * New notifications for these people: each of their own streams hears `inbox` at once (the
   * bell refetches its count). Nobody else hears anything of it.
   */
  inboxChanged(userIds: readonly string[]): void {
    this.lastHeardAt = performance.now();
    if (this.closed || this.clients.size === 0) return;
    const ids = new Set(userIds);
    for (const c of this.clients) if (ids.has(c.actor.id)) c.write(sseMessage('inbox', {}));
  }

  private async flush(): Promise<void> {
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0) return;
    const byUser = new Map<string, LiveClient[]>();
    for (const c of this.clients) {
      const list = byUser.get(c.actor.id) ?? [];
      list.push(c);
      byUser.set(c.actor.id, list);
    }
    const db = this.ctx.db.kysely;
    await Promise.all(
      [...byUser.values()].map(async (clients) => {
        const actor = (clients[0] as LiveClient).actor;
        const readable = await readableInitiativeIds(db, actor)
          .where('readable.id', 'in', ids)
          .execute();
        for (const { id } of readable)
          for (const c of clients) c.write(sseMessage('change', { initiativeId: id }));
      }),
    );
  }

  private broadcast(chunk: string): void {
    for (const c of this.clients) c.write(chunk);
  }

  private async heartbeat(): Promise<void> {
    for (const c of this.clients) {
      const valid = await c.valid().catch(() => true);
      if (!valid) {
        this.remove(c);
        c.end();
      } else c.write(': heartbeat\n\n');
    }
  }

  /** Ends every stream and stops listening (the app is closing). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    for (const c of this.clients) c.end();
    this.clients.clear();
    await this.listener?.close();
    if (hubs.get(this.ctx.db) === this) hubs.delete(this.ctx.db);
  }
}

/** A dedicated PostgreSQL connection that LISTENs on `tandem_live`; reconnects after a loss. */
class LiveListener {
  listening: Promise<void>;
  private resolve!: () => void;
  private connectedBefore = false;
  private readonly connection: PgListener;

  constructor(
    url: string,
    onChange: (initiativeId: string) => void,
    onInbox: (userIds: string[]) => void,
    onReconnect: () => void,
    log: (err: unknown, msg: string) => void,
  ) {
    this.listening = new Promise((r) => (this.resolve = r));
    this.connection = new PgListener(url, [CHANNEL, INBOX_CHANNEL], {
      notification: (msg) => {
        if (msg.channel === CHANNEL && msg.payload) onChange(msg.payload);
        if (msg.channel === INBOX_CHANNEL && msg.payload) onInbox(msg.payload.split(','));
      },
      listening: () => {
        // Messages sent while we were not listening are lost: tell the clients to refresh.
        if (this.connectedBefore) onReconnect();
        this.connectedBefore = true;
        this.resolve();
      },
      lost: (err) => {
        if (err) log(err, 'live: listening connection lost; reconnecting');
      },
    });
  }

  async close(): Promise<void> {
    this.resolve();
    await this.connection.close();
  }
}

/**
 * The outbox subscriber: every committed event of an initiative becomes "initiative X
 * changed", and every batch of new notifications "your inbox changed" to the people it is
 * for. Transactional, so on PostgreSQL the NOTIFY is sent exactly when the delivery
 * commits; a duplicate message is harmless (the web only refetches).
 */
export const liveRelay: TransactionalSubscriber = {
  name: 'live.relay',
  events: ['*'],
  maxAttempts: 3,
  async handle(event, { trx, ctx }) {
    if (event.type === NOTIFICATIONS_CREATED) {
      const data = event.data as { userIds?: unknown } | null;
      const userIds = Array.isArray(data?.userIds)
        ? data.userIds.filter((id): id is string => typeof id === 'string')
        : [];
      if (ctx.db.dialect === 'postgres')
        for (let i = 0; i < userIds.length; i += IDS_PER_NOTIFY)
          await sql`select pg_notify(${INBOX_CHANNEL}, ${userIds.slice(i, i + IDS_PER_NOTIFY).join(',')})`.execute(
            trx,
          );
      else hubs.get(ctx.db)?.inboxChanged(userIds);
      return;
    }
    if (!event.initiativeId) return;
    if (ctx.db.dialect === 'postgres')
      await sql`select pg_notify(${CHANNEL}, ${event.initiativeId})`.execute(trx);
    else hubs.get(ctx.db)?.changed(event.initiativeId);
  },
};
