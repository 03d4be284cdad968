import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiToken,
  CreatedToken,
  CreateMeasurementBody,
  CreateMetricBody,
  CreateTokenBody,
  ImportQuery,
  ImportReport,
  Measurement,
  MeasurementsQuery,
  Metric,
  MetricSummary,
  PushBody,
  PushResult,
  Series,
  SeriesQuery,
  SignBody,
  UpdateMeasurementBody,
  UpdateMetricBody,
} from '../../../contracts/metrics.js';
import { type ColumnChoice, CSV_LIMITS } from '../../../domain/measurement-csv.js';
import { schemaProblem, sendProblem } from '../../http/errors.js';
import { AppError } from '../../http/problems.js';
import { IdParams, NoContent, problems } from '../../http/schemas.js';
import { requireUser, requireWriter } from '../../http/security.js';
import {
  createMeasurement,
  deleteMeasurement,
  listMeasurements,
  updateMeasurement,
} from './measurements.service.js';
import {
  createMetric,
  getMetric,
  listMetrics,
  signMetric,
  updateMetric,
} from './metrics.service.js';
import { importCsv } from './csv-import.service.js';
import { exportSeriesCsv, getSeries } from './series.service.js';
import {
  authenticateToken,
  createToken,
  listTokens,
  pushMeasurements,
  revokeToken,
} from './tokens.service.js';

const MeasurementParams = z.object({ id: z.string().min(1), measurementId: z.string().min(1) });
const TokenParams = z.object({ id: z.string().min(1), tokenId: z.string().min(1) });

/** The X-File-Name header, URI-encoded by the browser; taken as is when it is not. */
function decodeFileName(raw: string): string {
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

/** The columns chosen in the query: a header name, "" for no note or source column. */
function columnChoice(q: {
  timeColumn?: string | undefined;
  valueColumn?: string | undefined;
  noteColumn?: string | undefined;
  sourceColumn?: string | undefined;
}): ColumnChoice | undefined {
  const optional = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null);
  const choice: ColumnChoice = {
    ...(q.timeColumn ? { at: q.timeColumn } : {}),
    ...(q.valueColumn ? { value: q.valueColumn } : {}),
    ...(q.noteColumn !== undefined ? { note: optional(q.noteColumn) } : {}),
    ...(q.sourceColumn !== undefined ? { source: optional(q.sourceColumn) } : {}),
  };
  return Object.keys(choice).length > 0 ? choice : undefined;
}

export const metricRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['metrics'];

  // CSV files arrive as the raw request body.
  for (const type of ['text/csv', 'application/octet-stream', 'application/vnd.ms-excel']) {
    app.addContentTypeParser(
      type,
      { parseAs: 'buffer', bodyLimit: CSV_LIMITS.bytes },
      (_req, body, done) => done(null, body),
    );
  }

  app.get(
    '/initiatives/:id/metrics',
    {
      schema: {
        tags,
        summary: "An initiative's metrics with agreement state and latest value",
        params: IdParams,
        response: { 200: z.array(MetricSummary), ...problems(401, 404) },
      },
    },
    async (req) => listMetrics(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/initiatives/:id/metrics',
    {
      schema: {
        tags,
        summary: 'Define a metric (version 1, awaiting both signatures)',
        params: IdParams,
        body: CreateMetricBody,
        response: { 201: Metric, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createMetric(ctx, requireWriter(req), req.params.id, req.body)),
  );
  app.get(
    '/metrics/:id',
    {
      schema: {
        tags,
        summary: 'A metric with its definition versions and signatures',
        params: IdParams,
        response: { 200: Metric, ...problems(401, 404) },
      },
    },
    async (req) => getMetric(ctx, requireUser(req), req.params.id),
  );
  app.patch(
    '/metrics/:id',
    {
      schema: {
        tags,
        summary:
          'Change a metric; a changed definition becomes a new version that needs both signatures again',
        params: IdParams,
        body: UpdateMetricBody,
        response: { 200: Metric, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateMetric(ctx, requireWriter(req), req.params.id, req.body),
  );
  app.post(
    '/metrics/:id/signatures',
    {
      schema: {
        tags,
        summary: 'Sign the current definition version for your side',
        params: IdParams,
        body: SignBody,
        response: { 200: Metric, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      signMetric(ctx, requireWriter(req), req.params.id, req.body.version, req.body.side),
  );
  app.get(
    '/metrics/:id/series',
    {
      schema: {
        tags,
        summary: 'Values aggregated per period (from daily aggregates)',
        params: IdParams,
        querystring: SeriesQuery,
        response: { 200: Series, ...problems(400, 401, 404) },
      },
    },
    async (req) => getSeries(ctx, requireUser(req), req.params.id, req.query.period),
  );
  app.get(
    '/metrics/:id/series.csv',
    {
      schema: {
        tags,
        summary: 'The series as CSV (cells protected against formula injection)',
        params: IdParams,
        querystring: SeriesQuery,
      },
    },
    async (req, reply) => {
      const file = await exportSeriesCsv(ctx, requireUser(req), req.params.id, req.query.period);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.get(
    '/metrics/:id/measurements',
    {
      schema: {
        tags,
        summary: 'Raw measurements, newest first',
        params: IdParams,
        querystring: MeasurementsQuery,
        response: { 200: z.array(Measurement), ...problems(400, 401, 404) },
      },
    },
    async (req) => listMeasurements(ctx, requireUser(req), req.params.id, req.query),
  );
  app.post(
    '/metrics/:id/measurements',
    {
      schema: {
        tags,
        summary: 'Enter a value by hand',
        params: IdParams,
        body: CreateMeasurementBody,
        response: { 201: Measurement, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createMeasurement(ctx, requireWriter(req), req.params.id, req.body)),
  );
  app.patch(
    '/metrics/:id/measurements/:measurementId',
    {
      schema: {
        tags,
        summary: 'Correct a value (recorded in the audit trail)',
        params: MeasurementParams,
        body: UpdateMeasurementBody,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await updateMeasurement(
        ctx,
        requireWriter(req),
        req.params.id,
        req.params.measurementId,
        req.body,
      );
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/metrics/:id/measurements/:measurementId',
    {
      schema: {
        tags,
        summary: 'Delete a value (recorded in the audit trail)',
        params: MeasurementParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteMeasurement(ctx, requireWriter(req), req.params.id, req.params.measurementId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/metrics/:id/import',
    {
      schema: {
        tags,
        summary:
          'Import a CSV file (body: the file, Content-Type text/csv). dryRun=true (default) previews and lists problems; dryRun=false writes all rows or none',
        params: IdParams,
        querystring: ImportQuery,
        response: { 200: ImportReport, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const actor = requireWriter(req);
      if (!Buffer.isBuffer(req.body))
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the CSV file as the request body with Content-Type text/csv',
        );
      const fileName = req.headers['x-file-name'];
      return importCsv(ctx, actor, req.params.id, req.body, {
        dryRun: req.query.dryRun !== 'false',
        decimal: req.query.decimal,
        dateOrder: req.query.dateOrder,
        fileName: typeof fileName === 'string' ? decodeFileName(fileName) : undefined,
        columns: columnChoice(req.query),
      });
    },
  );

  app.get(
    '/initiatives/:id/tokens',
    {
      schema: {
        tags,
        summary: 'API tokens of an initiative (owners and deputies)',
        params: IdParams,
        response: { 200: z.array(ApiToken), ...problems(401, 403, 404) },
      },
    },
    async (req) => listTokens(ctx, requireWriter(req), req.params.id),
  );
  app.post(
    '/initiatives/:id/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is in the answer, once',
        params: IdParams,
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createToken(ctx, requireWriter(req), req.params.id, req.body.name)),
  );
  app.delete(
    '/initiatives/:id/tokens/:tokenId',
    {
      schema: {
        tags,
        summary: 'Revoke an API token (takes effect at once)',
        params: TokenParams,
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeToken(ctx, requireWriter(req), req.params.id, req.params.tokenId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/push/measurements',
    {
      bodyLimit: 16 * 1024 * 1024,
      attachValidation: true,
      schema: {
        tags,
        summary:
          'Machines push up to 10,000 points per request with an API token (Authorization: Bearer …). Idempotent; all or nothing.',
        security: [{ bearer: [] }],
        body: PushBody,
        response: { 200: PushResult, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      // A point of the wrong type or format (a string value, 2026-02-31) is refused like a
      // value out of range: 422 naming each point, after the token is checked.
      // A batch of the wrong shape (no points, too many) stays 400.
      const invalid = req.validationError ? schemaProblem(req.validationError) : undefined;
      if (invalid) {
        await authenticateToken(ctx, req.headers.authorization);
        const perPoint = invalid.errors.every((e) => /^\/body\/points\/\d+\//.test(e.pointer));
        return sendProblem(reply, perPoint ? 422 : 400, invalid);
      }
      if (req.validationError) throw req.validationError;
      return pushMeasurements(ctx, req.headers.authorization, req.body);
    },
  );
};
