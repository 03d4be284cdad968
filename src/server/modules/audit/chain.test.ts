import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/dialect.js';
import { migrations } from '../../db/migrations/index.js';
import type { AuditEventsTable } from '../../db/schema.js';
import { testDialects } from '../../test-support/dialects.js';
import { createInitiative, createScenarioApp, type Scenario } from '../../test-support/scenario.js';
import { createTestDb, type TestApp } from '../../test-support/test-app.js';
import { appendAudit } from './audit.repository.js';
import { REDACTED_ACTION } from './chain.js';
import { verifyAuditChain } from './verify.js';

const dialects = await testDialects();

/**
 * What someone with the database owner's rights can do behind the app's back: switch the
 * append-only triggers off for a moment (PostgreSQL: as owner; SQLite: drop and recreate).
 */
async function behindTheAppsBack(t: TestApp, dialect: Dialect, work: () => Promise<unknown>) {
  const db = t.db.kysely;
  if (dialect === 'postgres') {
    await sql`alter table audit_events disable trigger user`.execute(db);
    await sql`alter table audit_chain disable trigger user`.execute(db);
    await sql`alter table audit_chain_head disable trigger user`.execute(db);
    try {
      await work();
    } finally {
      await sql`alter table audit_events enable trigger user`.execute(db);
      await sql`alter table audit_chain enable trigger user`.execute(db);
      await sql`alter table audit_chain_head enable trigger user`.execute(db);
    }
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'trigger' and tbl_name in ('audit_events', 'audit_chain', 'audit_chain_head')`.execute(
    db,
  );
  for (const tr of triggers.rows) await sql`drop trigger ${sql.raw(tr.name)}`.execute(db);
  try {
    await work();
  } finally {
    for (const tr of triggers.rows) await sql.raw(tr.sql).execute(db);
  }
}

const eventsInOrder = (t: TestApp) =>
  t.db.kysely.selectFrom('audit_events').selectAll().orderBy('occurred_at').orderBy('id').execute();

describe.each(dialects)('the audit trail as a hash chain (%s)', (dialect) => {
  let t: TestApp;
  let s: Scenario;
  let events: AuditEventsTable[];
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp(dialect));
    for (let i = 0; i < 3; i += 1)
      await createInitiative(t, s.biz, s.it, { title: `Use case ${i}` });
    events = await eventsInOrder(t);
  });
  afterAll(async () => t?.close());

  const verify = () => verifyAuditChain(t.db.kysely);
  /**
   * Deletes an event and its chain entry behind the app's back, runs `check` on the cut chain,
   * puts both back and sees the chain verify again.
   */
  const withEventCut = async (eventId: string, check: () => Promise<void>) => {
    const link = await t.db.kysely
      .selectFrom('audit_chain')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    const event = await t.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    await behindTheAppsBack(t, dialect, async () => {
      await t.db.kysely.deleteFrom('audit_chain').where('event_id', '=', eventId).execute();
      await t.db.kysely.deleteFrom('audit_events').where('id', '=', eventId).execute();
    });
    await check();
    await behindTheAppsBack(t, dialect, async () => {
      await t.db.kysely.insertInto('audit_events').values(event).execute();
      await t.db.kysely.insertInto('audit_chain').values(link).execute();
    });
    expect((await verify()).ok).toBe(true);
  };
  const eventAt = (i: number) => {
    const e = events[i];
    if (!e) throw new Error(`no event ${i}`);
    return e;
  };

  it('every event the app writes is chained; verify finds the chain intact', async () => {
    expect(events.length).toBeGreaterThan(5);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, checked: events.length, firstBreak: null });
    expect(result.head.position).toBe(events.length);
    expect(events.every((e) => e.digest !== null)).toBe(true);
  });

  it.skipIf(dialect !== 'postgres')('parallel writers make one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createInitiative(t, s.biz, s.it, { title: `Parallel ${i}` }),
      ),
    );
    const result = await verify();
    expect(result.ok, JSON.stringify(result.firstBreak)).toBe(true);
    const count = await t.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(result.checked).toBe(Number(count.n));
    events = await eventsInOrder(t);
  });

  it('an event edited behind the app’s back is named', async () => {
    const victim = eventAt(3);
    await behindTheAppsBack(t, dialect, () =>
      t.db.kysely
        .updateTable('audit_events')
        .set({ after: '{"title":"Forged"}' })
        .where('id', '=', victim.id)
        .execute(),
    );
    expect((await verify()).firstBreak).toMatchObject({
      eventId: victim.id,
      reason: 'the event was changed',
    });
    await behindTheAppsBack(t, dialect, () =>
      t.db.kysely
        .updateTable('audit_events')
        .set({ after: victim.after })
        .where('id', '=', victim.id)
        .execute(),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('an event deleted behind the app’s back is named', async () => {
    const victim = eventAt(2);
    await behindTheAppsBack(t, dialect, () =>
      t.db.kysely.deleteFrom('audit_events').where('id', '=', victim.id).execute(),
    );
    expect((await verify()).firstBreak).toMatchObject({
      eventId: victim.id,
      reason: 'the event was deleted',
    });
    await behindTheAppsBack(t, dialect, () =>
      t.db.kysely.insertInto('audit_events').values(victim).execute(),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('an event deleted together with its chain entry is found at the gap', async () => {
    const victim = eventAt(4);
    const next = eventAt(5);
    const link = await t.db.kysely
      .selectFrom('audit_chain')
      .select('seq')
      .where('event_id', '=', victim.id)
      .executeTakeFirstOrThrow();
    await withEventCut(victim.id, async () => {
      const result = await verify();
      expect(result.firstBreak?.position).toBe(Number(link.seq) + 1);
      expect(result.firstBreak?.eventId).toBe(next.id);
      expect(result.firstBreak?.reason).toMatch(/missing before this event/);
    });
  });

  it('an event added behind the app’s back is named', async () => {
    const forged = {
      ...eventAt(1),
      id: '01900000-0000-7000-8000-00000000f0f0',
      action: 'user.created',
    };
    await behindTheAppsBack(t, dialect, () =>
      t.db.kysely.insertInto('audit_events').values(forged).execute(),
    );
    expect((await verify()).firstBreak).toMatchObject({ eventId: forged.id, position: null });
    await behindTheAppsBack(t, dialect, () =>
      t.db.kysely.deleteFrom('audit_events').where('id', '=', forged.id).execute(),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('cutting off the newest events is noticed at the head', async () => {
    const head = await t.db.kysely
      .selectFrom('audit_chain_head')
      .selectAll()
      .executeTakeFirstOrThrow();
    const last = await t.db.kysely
      .selectFrom('audit_chain')
      .select('event_id')
      .where('seq', '=', head.seq)
      .executeTakeFirstOrThrow();
    await withEventCut(last.event_id, async () => {
      expect((await verify()).firstBreak?.reason).toMatch(/head says/);
    });
  });

  it('a recorded redaction keeps the chain verifiable; an unrecorded one does not', async () => {
    const victim = eventAt(0);
    const erase = () =>
      behindTheAppsBack(t, dialect, () =>
        t.db.kysely
          .updateTable('audit_events')
          .set({ after: '{"name":"[erased]"}' })
          .where('id', '=', victim.id)
          .execute(),
      );
    await erase();
    expect((await verify()).firstBreak).toMatchObject({ eventId: victim.id });
    await t.db.kysely.transaction().execute((trx) =>
      appendAudit(trx, {
        actorId: null,
        entityType: 'audit_event',
        entityId: victim.id,
        initiativeId: null,
        action: REDACTED_ACTION,
        after: { fields: ['after'] },
        at: t.now(),
      }),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('the database refuses changes to the chain itself', async () => {
    const k = t.db.kysely;
    await expect(
      k.updateTable('audit_chain').set({ hash: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(k.deleteFrom('audit_chain').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(k.deleteFrom('audit_chain_head').execute()).rejects.toThrow(/append-only/);
  });
});

describe.each(dialects)('chaining the events that existed before (%s)', (dialect) => {
  it('the migration chains older events in trail order; verify finds them intact', async () => {
    const t = await createTestDb(dialect, { migrate: false });
    try {
      const migrator = new Migrator({
        db: t.db.kysely,
        provider: { getMigrations: () => Promise.resolve(migrations) },
      });
      const before = await migrator.migrateTo('20261127_0006_demos');
      expect(before.error).toBeUndefined();
      const legacy = Array.from({ length: 1500 }, (_, i) => ({
        id: `legacy-${String(i).padStart(5, '0')}`,
        occurred_at: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 60_000).toISOString(),
        actor_id: null,
        entity_type: 'initiative',
        entity_id: `i-${i % 7}`,
        initiative_id: `i-${i % 7}`,
        action: 'initiative.updated',
        before: i % 2 ? null : JSON.stringify({ title: `Before ${i}` }),
        after: JSON.stringify({ title: `After ${i}`, note: 'Zürich, "quoted"; \\ \n' }),
      }));
      for (let i = 0; i < legacy.length; i += 500)
        await (t.db.kysely as Kysely<any>)
          .insertInto('audit_events')
          .values(legacy.slice(i, i + 500))
          .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const result = await verifyAuditChain(t.db.kysely);
      expect(result).toMatchObject({ ok: true, checked: 1500, head: { position: 1500 } });
      // New events continue the same chain.
      await t.db.kysely.transaction().execute((trx) =>
        appendAudit(trx, {
          actorId: null,
          entityType: 'x',
          entityId: 'y',
          initiativeId: null,
          action: 'stage.created',
          at: new Date(),
        }),
      );
      expect(await verifyAuditChain(t.db.kysely)).toMatchObject({ ok: true, checked: 1501 });
    } finally {
      await t.drop();
    }
  });
});
