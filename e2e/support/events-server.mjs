// `tandem serve` (compiled) with one extra subscriber, for e2e/events-crash.test.ts: it
// records every event it handles in a table of its own, in the handler's transaction, and
// is slow on purpose so that deliveries queue up behind the writes and a kill lands while
// some are pending.
import { sql } from 'kysely';

const { subscribe } = await import('../../dist/server/server/events/registry.js');
const { main } = await import('../../dist/server/cli/index.js');

const postgres = Boolean(process.env.DATABASE_URL);
const slowMs = Number(process.env.E2E_HANDLER_MS ?? 0);
subscribe({
  name: 'e2e.crash-recorder',
  events: ['*'],
  handle: async (event, { trx }) => {
    // `ord` numbers rows in the order they were written (handled), across restarts.
    await (
      postgres
        ? sql`create table if not exists crash_effects (ord bigserial primary key, event_id text not null, stream text not null, seq bigint not null)`
        : sql`create table if not exists crash_effects (ord integer primary key autoincrement, event_id text not null, stream text not null, seq integer not null)`
    ).execute(trx);
    await sql`insert into crash_effects (event_id, stream, seq) values (${event.id}, ${event.stream}, ${event.seq})`.execute(
      trx,
    );
    const until = Date.now() + slowMs;
    while (Date.now() < until) {
      // busy: the handler's work
    }
  },
});
await main([process.argv[0] ?? 'node', 'tandem', 'serve']);
