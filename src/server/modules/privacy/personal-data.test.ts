import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { createTestDb } from '../../test-support/test-app.js';
import { NOT_PERSONAL, PERSONAL_DATA } from './personal-data.js';

/**
 * The registry covers the schema: every table is listed (as personal data, or as holding
 * none with a reason), and every column that refers to a person or looks like a name or an
 * email is classified. A new table of another module fails here until it has its entry.
 */
const PERSON_COLUMN =
  /(^|_)(user|actor|owner|deputy|sender|receiver|responsible|presenter|author|invitee|recipient|assignee|person|people|member|voter)(_ids?)?$|_by$/;
const NAME_OR_EMAIL = /(^|_)(name|names|email|emails|mail|e_mail)(_[a-z]{2})?$/;

describe('the personal-data registry covers every table', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let tables: { name: string; columns: string[]; userRefs: string[] }[];
  beforeAll(async () => {
    ({ db, drop } = await createTestDb('sqlite'));
    const found = await db.kysely.introspection.getTables();
    tables = await Promise.all(
      found
        .filter((t) => !t.name.startsWith('kysely_'))
        .map(async (t) => {
          const fks = await sql<{
            table: string;
            from: string;
          }>`select * from pragma_foreign_key_list(${t.name})`.execute(db.kysely);
          return {
            name: t.name,
            columns: t.columns.map((c) => c.name),
            userRefs: fks.rows.filter((f) => f.table === 'users').map((f) => f.from),
          };
        }),
    );
  });
  afterAll(() => drop());

  it('lists every table once: as personal data or as holding none', () => {
    const listed = PERSONAL_DATA.map((e) => e.table);
    expect(new Set(listed).size).toBe(listed.length);
    const missing = tables
      .map((t) => t.name)
      .filter((n) => !listed.includes(n as never) && !(n in NOT_PERSONAL));
    expect(missing, 'tables missing from PERSONAL_DATA / NOT_PERSONAL').toEqual([]);
    for (const n of Object.keys(NOT_PERSONAL))
      expect(listed, `${n} is in both lists`).not.toContain(n);
  });

  it('classifies every column that refers to a person or holds a name or an email', () => {
    const unclassified: string[] = [];
    for (const t of tables) {
      const entry = PERSONAL_DATA.find((e) => e.table === t.name);
      for (const c of t.columns) {
        const flagged = PERSON_COLUMN.test(c) || NAME_OR_EMAIL.test(c) || t.userRefs.includes(c);
        const exempt = NOT_PERSONAL[t.name as keyof typeof NOT_PERSONAL]?.looksPersonal ?? [];
        if (flagged && !entry?.columns[c] && !exempt.includes(c))
          unclassified.push(`${t.name}.${c}`);
      }
    }
    expect(unclassified).toEqual([]);
  });

  it('names only columns that exist, and retention columns that exist', () => {
    for (const e of PERSONAL_DATA) {
      const t = tables.find((x) => x.name === e.table);
      expect(t, e.table).toBeDefined();
      for (const c of Object.keys(e.columns)) expect(t?.columns, `${e.table}.${c}`).toContain(c);
      if (e.retention) expect(t?.columns).toContain(e.retention.column);
    }
  });

  it('spots a new table with a person in it (the checks above are not vacuous)', () => {
    expect(PERSON_COLUMN.test('recipient_id')).toBe(true);
    expect(PERSON_COLUMN.test('created_by')).toBe(true);
    expect(NAME_OR_EMAIL.test('display_name')).toBe(true);
    expect(NAME_OR_EMAIL.test('email')).toBe(true);
    expect(PERSON_COLUMN.test('initiative_id')).toBe(false);
  });
});
