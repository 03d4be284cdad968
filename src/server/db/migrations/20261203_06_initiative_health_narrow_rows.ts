import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL: a stored health row keeps its large JSON columns (`result`, `areas`, `weakest`:
 * about 2.6 kB of a row, compressed about 1.4 kB) in the table's TOAST storage instead of in
 * the row (`toast_tuple_target` 128: a row longer than that has its largest values moved out).
 * The portfolio's scan reads only the small columns of every row, so it reads a narrow heap
 * (62 pages for 1,005 initiatives instead of 171, far more once rewritten rows accumulate);
 * the cells are read from TOAST only for the rows whose revision changed. Rows stored before
 * take the new form when they are next recomputed (every row at least daily). SQLite: nothing
 * (its rows are read by primary key or in one pass either way). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`alter table initiative_health set (toast_tuple_target = 128)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
