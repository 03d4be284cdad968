import { InsertQueryNode, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/dialect.js';
import { testDialects } from '../../test-support/dialects.js';
import { createScenarioApp, type Scenario } from '../../test-support/scenario.js';
import type { TestApp, TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

/**
 * "A 5xx never leaves data behind": every write request below is sent once with a fault
 * injected where it records its audit event (inside its transaction, after its changes),
 * and must answer 500 with every table exactly as before; then again without the fault,
 * to move on. A write outside the transaction, or committed before the failure, shows up
 * as a changed table.
 */
const fault = { armed: false, hits: 0 };
const failAtAudit: KyselyPlugin = {
  transformQuery: (args) => {
    const node = args.node;
    if (
      fault.armed &&
      InsertQueryNode.is(node) &&
      node.into?.table.identifier.name === 'audit_events'
    ) {
      fault.hits += 1;
      throw new Error('injected fault: the database went away');
    }
    return node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};

/** Sign-in bookkeeping, not data: an attempt counts even when the request then fails. */
const BOOKKEEPING = new Set(['login_throttle']);

async function snapshot(t: TestApp, dialect: Dialect): Promise<Map<string, string>> {
  const tables =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          t.db.kysely,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          t.db.kysely,
        );
  const out = new Map<string, string>();
  for (const { name } of tables.rows) {
    if (BOOKKEEPING.has(name) || name.startsWith('kysely_')) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      t.db.kysely,
    );
    out.set(
      name,
      rows.rows
        .map((r) => JSON.stringify(r))
        .sort()
        .join('\n'),
    );
  }
  return out;
}

describe.each(dialects)('a failed write leaves nothing behind (%s)', (dialect) => {
  let t: TestApp;
  let s: Scenario;
  let admin: TestUser;
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp(dialect, LONG_SESSIONS, { plugins: [failAtAudit] }));
    admin = await t.user({ role: 'admin', side: 'it' });
  });
  afterAll(async () => t?.close());

  const tokenSecret = { value: '' };
  const writes = (): [
    string,
    () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
  ][] => {
    const post =
      (url: string, body: unknown, user: TestUser = s.biz) =>
      () =>
        t.inject({ method: 'POST', url, user, body });
    const i = s.initiative.id;
    const m = s.metric.id;
    return [
      [
        'create an initiative',
        post('/api/initiatives', {
          title: 'Second',
          problem: 'P',
          expectedBenefit: 'B',
          department: 'Sales',
          businessOwnerId: s.biz.id,
          itOwnerId: s.it.id,
          riskClass: 'minimal',
        }),
      ],
      [
        'edit an initiative',
        () =>
          t.inject({
            method: 'PATCH',
            url: `/api/initiatives/${i}`,
            user: s.biz,
            body: { version: 1, title: 'Renamed' },
          }),
      ],
      [
        'add a metric',
        post(`/api/initiatives/${i}/metrics`, {
          name: 'Answer time',
          description: 'Minutes to first answer',
          dataSource: 'Ticket system',
          unit: 'min',
          valueType: 'decimal',
          direction: 'lower_is_better',
          aggregation: 'average',
          period: 'week',
          businessOwnerId: s.biz.id,
          itOwnerId: s.it.id,
        }),
      ],
      ['sign a metric', post(`/api/metrics/${m}/signatures`, { version: 1, side: 'business' })],
      [
        'enter a value',
        post(`/api/metrics/${m}/measurements`, { at: '2026-11-20T10:00:00Z', value: 3 }),
      ],
      [
        'import a file',
        () =>
          t.inject({
            method: 'POST',
            url: `/api/metrics/${m}/import?dryRun=false`,
            user: s.biz,
            headers: { 'content-type': 'text/csv' },
            body: 'timestamp,value\n2026-11-21T10:00:00Z,4\n',
          }),
      ],
      [
        'create a token',
        async () => {
          const res = await t.inject({
            method: 'POST',
            url: `/api/initiatives/${i}/tokens`,
            user: s.biz,
            body: { name: 'crm' },
          });
          if (res.statusCode === 201) tokenSecret.value = res.json<{ secret: string }>().secret;
          return res;
        },
      ],
      [
        'push values',
        () =>
          t.inject({
            method: 'POST',
            url: '/api/push/measurements',
            headers: { authorization: `Bearer ${tokenSecret.value}` },
            body: { points: [{ metricId: m, at: '2026-11-22T10:00:00Z', value: 5 }] },
          }),
      ],
      [
        'create a goal',
        post(`/api/initiatives/${i}/goals`, {
          statement: 'Faster answers',
          metricId: m,
          baselineValue: 3,
          baselineDate: '2026-11-01',
          targetValue: 9,
          dueDate: '2027-06-30',
        }),
      ],
      [
        'set a demo cadence',
        () =>
          t.inject({
            method: 'PUT',
            url: `/api/initiatives/${i}/demo-cadence`,
            user: s.biz,
            body: {
              interval: 'weekly',
              weekday: 4,
              time: '14:00',
              durationMinutes: 30,
              startsOn: '2026-11-26',
            },
          }),
      ],
      ['subscribe to the calendar', post('/api/calendar-feeds', {})],
      [
        'start a handoff',
        post(`/api/initiatives/${i}/handoffs`, {
          title: 'Spec to build',
          toStageId: null,
          receiverId: s.it.id,
          dueDate: '2026-12-15',
        }),
      ],
      [
        'change my name',
        () => t.inject({ method: 'PATCH', url: '/api/me', user: s.biz, body: { name: 'Bea B.' } }),
      ],
      [
        'invite a user',
        post(
          '/api/users',
          { email: 'new.person@example.com', name: 'New Person', side: 'business' },
          admin,
        ),
      ],
      [
        'add a stage',
        post('/api/stages', { nameEn: 'Review', nameDe: 'Prüfung', owningSide: 'both' }, admin),
      ],
    ];
  };

  it('every write answers 500 with no row added, changed or removed, then works', async () => {
    for (const [what, send] of writes()) {
      const before = await snapshot(t, dialect);
      fault.armed = true;
      fault.hits = 0;
      const failed = await send().finally(() => {
        fault.armed = false;
      });
      expect(
        fault.hits,
        `${what}: the fault was not reached (${failed.statusCode} ${failed.body})`,
      ).toBeGreaterThan(0);
      expect(failed.statusCode, what).toBe(500);
      expect(String(failed.headers['content-type']), what).toMatch(/^application\/problem\+json/);
      const after = await snapshot(t, dialect);
      for (const [table, rows] of before)
        expect(after.get(table), `${what}: ${table} changed`).toBe(rows);
      const ok = await send();
      expect(ok.statusCode, `${what}: ${ok.body}`).toBeLessThan(300);
    }
  });
});
