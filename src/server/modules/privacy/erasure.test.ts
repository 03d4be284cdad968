import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErasureResult, PersonalDataExport } from '../../../contracts/privacy.js';
import { escapeLike } from '../../db/dialect.js';
import { testDialects } from '../../test-support/dialects.js';
import { createPrivacyApp, type PrivacyScenario } from '../../test-support/privacy-scenario.js';
import type { TestApp } from '../../test-support/test-app.js';
import { verifyAuditChain } from '../audit/audit.service.js';

const dialects = await testDialects();

/** Every table and column (all cast to text) where `needle` occurs, ignoring case. */
async function whereFound(t: TestApp, needle: string): Promise<string[]> {
  const db = t.db.kysely;
  const found: string[] = [];
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith('kysely_')) continue;
    for (const c of table.columns) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}
        where lower(cast(${sql.ref(c.name)} as text)) like ${`%${escapeLike(needle.toLowerCase())}%`} escape '\\'`.execute(
        db,
      );
      if (Number(r.rows[0]?.n ?? 0) > 0) found.push(`${table.name}.${c.name}`);
    }
  }
  return found;
}

describe.each(dialects)('erasing a person (%s)', (dialect) => {
  let t: TestApp;
  let s: PrivacyScenario;
  beforeAll(async () => {
    ({ t, s } = await createPrivacyApp(dialect));
  });
  afterAll(() => t.close());

  const erase = (id: string, user = s.admin) =>
    t.inject({ method: 'POST', url: `/api/admin/people/${id}/erasure`, user });

  it('finds her everywhere before (the scan below is not vacuous)', async () => {
    expect(await whereFound(t, s.erika.email)).toEqual(
      expect.arrayContaining(['users.email', 'login_throttle.key', 'handoffs.note']),
    );
    expect(await whereFound(t, 'Erika Mustermann-Qz')).toEqual(
      expect.arrayContaining(['users.name', 'initiatives.problem', 'audit_events.after']),
    );
    expect(await whereFound(t, 'Erika Muster-Qz')).toEqual(
      expect.arrayContaining(['audit_events.after']),
    );
  });

  it('only admins erase, never themselves, and a refusal changes nothing', async () => {
    expect((await erase(s.erika.id, s.ian)).statusCode).toBe(403);
    const self = await erase(s.admin.id);
    expect(self.statusCode).toBe(409);
    expect(self.json<{ code: string }>().code).toBe('erase_self');
    expect((await erase('no-such-person')).statusCode).toBe(404);
    expect(await whereFound(t, 'Erika Mustermann-Qz')).toContain('users.name');
  });

  it('leaves no name or email of hers in any column of any table; the chain verifies', async () => {
    const events = await t.count('audit_events');
    const res = await erase(s.erika.id);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<ErasureResult>();
    expect(result.pseudonym).toBe('Former colleague');
    expect(result.redactedAuditEvents).toBeGreaterThan(0);
    for (const needle of [s.erika.email, ...s.names.erika])
      expect(await whereFound(t, needle), needle).toEqual([]);
    // Others stay as they were.
    expect(await whereFound(t, s.names.ian[0] ?? '')).toContain('users.name');
    expect(await whereFound(t, s.ian.email)).toContain('users.email');
    const verified = await verifyAuditChain(t.db.kysely);
    expect(verified.firstBreak).toBeNull();
    expect(verified.ok).toBe(true);
    // The erasure is on the record: one redaction per changed event and the erasure itself.
    expect(await t.count('audit_events')).toBe(events + result.redactedAuditEvents + 1);
    const erased = await t.db.kysely
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'user.erased')
      .executeTakeFirstOrThrow();
    expect(erased).toEqual({ actor_id: s.admin.id, entity_id: s.erika.id });
  });

  it('keeps her work as by a former colleague; she is signed out and cannot sign in', async () => {
    const initiative = await t.inject({
      method: 'GET',
      url: `/api/initiatives/${s.initiative.id}`,
      user: s.ian,
    });
    expect(initiative.body).toContain('Former colleague');
    expect(initiative.body).not.toContain('Erika');
    expect((await t.inject({ method: 'GET', url: '/api/me', user: s.erika })).statusCode).toBe(401);
    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: s.erika.email, password: s.erika.password },
    });
    expect(login.statusCode).toBe(401);
    expect(await t.count('calendar_feeds')).toBe(0);
  });

  it('the database refuses a redaction that is not recorded, and any other change', async () => {
    const [event] = await t.db.kysely.selectFrom('audit_events').select('id').limit(1).execute();
    const id = event?.id ?? '';
    const unrecorded =
      dialect === 'postgres'
        ? sql`select audit_redact(${id}, null, null)`.execute(t.db.kysely)
        : t.db.kysely
            .updateTable('audit_events')
            .set({ after: null })
            .where('id', '=', id)
            .execute();
    await expect(unrecorded).rejects.toThrow(/not recorded|append-only/);
    await expect(
      t.db.kysely.updateTable('audit_events').set({ action: 'x' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.kysely.deleteFrom('audit_events').where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('her export after erasure holds only the pseudonym', async () => {
    const me = await t.inject({ method: 'GET', url: '/api/me/personal-data', user: s.ian });
    const data = me.json<PersonalDataExport>();
    expect(JSON.stringify(data)).not.toContain('Erika');
  });
});
