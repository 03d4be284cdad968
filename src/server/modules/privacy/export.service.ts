import { sql } from 'kysely';
import type { PersonalDataExport } from '../../../contracts/privacy.js';
import type { AppContext } from '../../context.js';
import { escapeLike } from '../../db/dialect.js';
import { notFound } from '../../http/problems.js';
import {
  columnsWith,
  KIND_TITLES,
  PERSONAL_DATA,
  type PersonalDataEntry,
} from './personal-data.js';

/** Stands for someone else in a row of one's own data. */
export const ANOTHER_PERSON = 'another person';

type Row = Record<string, unknown>;

/**
 * Everything Tandem holds about one person (GDPR Art. 15), generated from the registry: each
 * table's rows that name them, hashes of secrets left out, and other people left out (their
 * ids become "another person"; audit details of events about something else are omitted,
 * since they may describe others).
 */
export async function exportPersonalData(
  ctx: AppContext,
  userId: string,
): Promise<PersonalDataExport> {
  const db = ctx.db.kysely;
  const person = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!person) throw notFound('person');
  const sections: PersonalDataExport['sections'] = [];
  for (const entry of PERSONAL_DATA) {
    if (entry.notExported) continue;
    const rows = await rowsAbout(ctx, entry, person);
    if (rows.length === 0) continue;
    sections.push({
      kind: entry.kind,
      title: KIND_TITLES[entry.kind],
      purpose: entry.purpose,
      table: entry.table,
      rows: rows.map((r) => present(entry, r, person.id)),
    });
  }
  return { person, generatedAt: ctx.now().toISOString(), sections };
}

async function rowsAbout(
  ctx: AppContext,
  entry: PersonalDataEntry,
  person: { id: string; email: string },
): Promise<Row[]> {
  const people = columnsWith(entry, 'person');
  const lists = columnsWith(entry, 'person-list');
  const identities = entry.table === 'users' ? [] : columnsWith(entry, 'identity');
  const conditions = [
    ...people.map((c) => sql`${sql.ref(c)} = ${person.id}`),
    ...lists.map((c) => sql`${sql.ref(c)} like ${`%"${escapeLike(person.id)}"%`} escape '\\'`),
    ...identities.map(
      (c) => sql`${sql.ref(c)} like ${`%${escapeLike(person.email)}%`} escape '\\'`,
    ),
  ];
  if (entry.table === 'audit_events')
    conditions.push(sql`(entity_type = 'user' and entity_id = ${person.id})`);
  if (conditions.length === 0) return [];
  const r = await sql<Row>`select * from ${sql.table(entry.table)} where ${sql.join(
    conditions,
    sql` or `,
  )}`.execute(ctx.db.kysely);
  return r.rows;
}

function present(entry: PersonalDataEntry, row: Row, self: string): Row {
  const out: Row = {};
  const aboutSelf =
    entry.table !== 'audit_events' || (row.entity_type === 'user' && row.entity_id === self);
  for (const [column, value] of Object.entries(row)) {
    const role = entry.columns[column];
    if (role === 'secret') continue;
    if (role === 'person') out[column] = value === null || value === self ? value : ANOTHER_PERSON;
    else if (role === 'person-list')
      out[column] = (JSON.parse(String(value)) as string[]).map((id) =>
        id === self ? id : ANOTHER_PERSON,
      );
    else if (entry.table === 'audit_events' && (column === 'before' || column === 'after'))
      out[column] = aboutSelf && typeof value === 'string' ? JSON.parse(value) : null;
    else if (entry.table === 'audit_events' && column === 'digest') continue;
    else if (
      entry.table === 'audit_events' &&
      column === 'entity_id' &&
      row.entity_type === 'member'
    )
      // `<initiative>:<person>`: the person may be someone else.
      out[column] = String(value)
        .split(':')
        .map((part) => (part === row.initiative_id || part === self ? part : ANOTHER_PERSON))
        .join(':');
    else out[column] = value;
  }
  return out;
}
