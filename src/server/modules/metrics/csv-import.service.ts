import type { ImportReport } from '../../../contracts/metrics.js';
import { type ColumnChoice, parseMeasurementsCsv } from '../../../domain/measurement-csv.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError, conflict } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { insertPoints } from './ingest.js';
import { measurementsStored } from './measurement-hooks.service.js';
import { loadWritable, rules } from './measurements.service.js';

/**
 * CSV import: a dry run previews and reports every problem; the real run writes all rows
 * in one transaction, or none when any row has a problem. Re-importing a file stores
 * nothing twice (same time and source).
 */
export async function importCsv(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  bytes: Buffer,
  options: {
    dryRun: boolean;
    decimal?: ',' | '.' | undefined;
    dateOrder?: 'dmy' | 'mdy' | undefined;
    fileName?: string | undefined;
    columns?: ColumnChoice | undefined;
  },
): Promise<ImportReport> {
  const { row } = await loadWritable(ctx, actor, metricId);
  const remembered = await ctx.db.kysely
    .selectFrom('metric_csv_columns')
    .selectAll()
    .where('metric_id', '=', metricId)
    .executeTakeFirst();
  const parseIn = (timeZone: string) =>
    parseMeasurementsCsv(bytes, {
      timeZone,
      decimal: options.decimal,
      dateOrder: options.dateOrder,
      ...rules(row),
      defaultSource: 'csv',
      columns: options.columns,
      remembered: remembered && {
        at: remembered.at_column,
        value: remembered.value_column,
        note: remembered.note_column,
        source: remembered.source_column,
      },
    });
  const parsed = parseIn(row.time_zone);
  const report: ImportReport = {
    dryRun: options.dryRun,
    detected: parsed.detected,
    rows: parsed.rows.length,
    preview: parsed.rows.slice(0, 20).map((r) => ({
      line: r.line,
      at: new Date(r.at).toISOString(),
      value: r.value,
      note: r.note,
      source: r.source,
    })),
    problems: parsed.problems.slice(0, 500).map((p) => ({
      line: p.line,
      column: p.column,
      reason: p.reason,
      code: p.code,
      params: p.params,
    })),
    stored: 0,
    duplicates: 0,
  };
  if (options.dryRun) return report;
  const { mapping } = parsed.detected;
  if (parsed.detected.needsChoice)
    throw new AppError(
      422,
      'import_invalid',
      `Several columns could be the time or the value (${[...parsed.detected.candidates.at, ...parsed.detected.candidates.value].join(', ')}); choose them with timeColumn and valueColumn`,
      [
        {
          pointer: '/querystring/valueColumn',
          message: 'choose the column to read',
          code: 'required',
        },
      ],
    );
  if (parsed.problems.length > 0 || parsed.rows.length === 0) {
    throw new AppError(
      422,
      'import_invalid',
      parsed.rows.length === 0 && parsed.problems.length === 0
        ? 'The file contains no rows'
        : `${parsed.problems.length} problem(s) in the file; nothing was imported`,
      parsed.problems.slice(0, 500).map((p) => ({
        pointer: `/body/line/${p.line}/${p.column}`,
        message: p.reason,
        code: 'invalid_row',
      })),
    );
  }
  const now = ctx.now();
  const stored = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { stored: n, timeZones } = await insertPoints(
      ctx.db,
      trx,
      parsed.rows.map((r) => ({
        metricId,
        at: r.at,
        value: r.value,
        note: r.note,
        source: r.source,
        idempotencyKey: null,
        createdBy: actor.id,
        tokenId: null,
      })),
      now.getTime(),
    );
    // The file's local times were read in the zone of before the transaction. A change of the
    // metric's zone committed since (the zone insertPoints read under its lock) that moves
    // any of them: nothing is imported, and the file is to be sent again.
    const zone = timeZones.get(metricId);
    if (zone !== undefined && zone !== row.time_zone) {
      const again = parseIn(zone);
      if (
        again.rows.length !== parsed.rows.length ||
        again.rows.some((r, i) => r.at !== parsed.rows[i]?.at)
      )
        throw conflict(
          `The metric's time zone changed to ${zone} while the file was imported, and its local times mean other moments there; nothing was imported. Import the file again.`,
          'time_zone_changed',
        );
    }
    await measurementsStored(trx, [metricId], now);
    // The next file with these headers is read the same way, without asking again.
    if (mapping.at !== null && mapping.value !== null) {
      const columns = {
        at_column: mapping.at,
        value_column: mapping.value,
        note_column: mapping.note,
        source_column: mapping.source,
        updated_by: actor.id,
        updated_at: now.toISOString(),
      };
      await trx
        .insertInto('metric_csv_columns')
        .values({ metric_id: metricId, ...columns })
        .onConflict((oc) => oc.column('metric_id').doUpdateSet(columns))
        .execute();
    }
    await record(trx, actor.id, now, entity('metric', row), 'measurement.imported', {
      after: {
        file: options.fileName ?? null,
        rows: parsed.rows.length,
        stored: n,
        duplicates: parsed.rows.length - n,
        columns: mapping,
      },
    });
    return n;
  });
  return { ...report, stored, duplicates: parsed.rows.length - stored };
}
