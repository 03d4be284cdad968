import { z } from 'zod';
import { DIRECTIONS } from '../domain/goals.js';
import { DATE_ORDERS, DECIMAL_SEPARATORS, VALUE_TYPES } from '../domain/csv-cells.js';
import { inMeasurementWindow, MEASUREMENT_WINDOW_MESSAGE } from '../domain/measurement-time.js';
import { AGGREGATIONS, PERIODS } from '../domain/periods.js';
import { isTimeZone } from '../domain/time-zones.js';
import { line, PersonRef, Side, text, Timestamp } from './common.js';

export const Direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof Direction>;
export const Aggregation = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof Aggregation>;
export const Period = z.enum(PERIODS);
export type Period = z.infer<typeof Period>;
export const ValueType = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof ValueType>;
export const DateOrder = z.enum(DATE_ORDERS);

const timeZone = z
  .string()
  .min(1, 'must not be empty')
  .refine(isTimeZone, 'is not a known time zone (use e.g. Europe/Berlin)');

const finite = z
  .number({ message: 'must be a number' })
  .refine(Number.isFinite, 'must be a finite number');

/** The content both sides sign. Changing any of it makes a new version. */
export const MetricDefinition = z.object({
  name: text(120),
  /** What is counted and how. */
  description: text(4000),
  /** Where the numbers come from (system, report, person). */
  dataSource: text(500),
  unit: text(40),
  valueType: ValueType,
  minValue: finite.nullable(),
  maxValue: finite.nullable(),
  direction: Direction,
  aggregation: Aggregation,
  period: Period,
  timeZone,
});
export type MetricDefinition = z.infer<typeof MetricDefinition>;

/** The fields both sides sign, in the order a person reads them (server and web use this one list). */
export const DEFINITION_FIELDS = [
  'name',
  'description',
  'dataSource',
  'unit',
  'valueType',
  'minValue',
  'maxValue',
  'direction',
  'aggregation',
  'period',
  'timeZone',
] as const satisfies readonly (keyof MetricDefinition)[];
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

export const SignatureView = z.object({
  version: z.number().int(),
  side: Side,
  person: PersonRef,
  signedAt: Timestamp,
});
export type SignatureView = z.infer<typeof SignatureView>;

export const AgreementView = z.object({
  currentVersion: z.number().int(),
  agreed: z.boolean(),
  business: SignatureView.nullable(),
  it: SignatureView.nullable(),
  waitingFor: z.array(Side),
  /** For the signed-in user, per side: null when they may sign now, else why not. */
  mySignature: z.object({
    business: z.object({ code: z.string(), message: z.string() }).nullable(),
    it: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
});
export type AgreementView = z.infer<typeof AgreementView>;

export const DefinitionVersion = z.object({
  version: z.number().int(),
  content: MetricDefinition,
  createdBy: PersonRef.nullable(),
  createdAt: Timestamp,
  signatures: z.array(SignatureView),
});
export type DefinitionVersion = z.infer<typeof DefinitionVersion>;

export const LatestValue = z
  .object({ day: z.string(), value: z.number(), at: Timestamp })
  .nullable();

export const MetricSummary = z
  .object({
    id: z.string(),
    initiativeId: z.string(),
    definition: MetricDefinition,
    businessOwner: PersonRef,
    itOwner: PersonRef,
    agreement: AgreementView,
    latest: LatestValue,
    /** Row version for optimistic concurrency (any change). */
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'MetricSummary' });
export type MetricSummary = z.infer<typeof MetricSummary>;

export const Metric = MetricSummary.extend({
  versions: z.array(DefinitionVersion),
  permissions: z.object({ edit: z.boolean(), enterData: z.boolean(), manageTokens: z.boolean() }),
}).meta({ id: 'Metric' });
export type Metric = z.infer<typeof Metric>;

export const CreateMetricBody = MetricDefinition.extend({
  minValue: finite.nullable().default(null),
  maxValue: finite.nullable().default(null),
  valueType: ValueType.default('decimal'),
  timeZone: timeZone.default('Europe/Berlin'),
  businessOwnerId: z.string().min(1, 'must be chosen'),
  itOwnerId: z.string().min(1, 'must be chosen'),
});
export type CreateMetricBody = z.input<typeof CreateMetricBody>;

export const UpdateMetricBody = MetricDefinition.partial().extend({
  /** The version you read; 409 when it changed meanwhile. */
  version: z.number().int(),
  businessOwnerId: z.string().min(1).optional(),
  itOwnerId: z.string().min(1).optional(),
});
export type UpdateMetricBody = z.input<typeof UpdateMetricBody>;

export const SignBody = z.object({
  /** The definition version you read and sign. */
  version: z.number().int(),
  side: Side,
});
export type SignBody = z.infer<typeof SignBody>;

export const SeriesQuery = z.object({ period: Period.optional() });
export const SeriesPoint = z.object({
  /** First day of the period (YYYY-MM-DD, in the metric's time zone). */
  start: z.string(),
  value: z.number(),
  count: z.number().int(),
  sources: z.array(z.string()),
});
export const Series = z.object({
  metricId: z.string(),
  period: Period,
  aggregation: Aggregation,
  unit: z.string(),
  points: z.array(SeriesPoint),
});
export type Series = z.infer<typeof Series>;

/**
 * A measurement's time: ISO-8601 (with offset or Z) or epoch milliseconds, between 1970 and
 * 2099 (see domain/measurement-time.ts).
 */
export const Instant = z
  .union([
    z.iso.datetime({
      offset: true,
      message: 'must be an ISO-8601 timestamp with time zone, e.g. 2026-11-27T14:00:00+01:00',
    }),
    z.number().int('must be whole epoch milliseconds'),
  ])
  .refine(
    (v: unknown) => {
      const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
      // Unreadable input already has its own error from the union.
      return Number.isNaN(ms) || inMeasurementWindow(ms);
    },
    { message: MEASUREMENT_WINDOW_MESSAGE },
  );

export const Measurement = z.object({
  id: z.string(),
  at: Timestamp,
  value: z.number(),
  note: z.string().nullable(),
  source: z.string(),
  createdAt: Timestamp,
  createdBy: PersonRef.nullable(),
});
export type Measurement = z.infer<typeof Measurement>;

export const MeasurementsQuery = z.object({
  /** Page backwards: the id of the last measurement of the previous page. */
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const CreateMeasurementBody = z.object({
  at: Instant,
  value: z.number({ message: 'must be a number' }),
  note: z.string().trim().max(1000, 'must be at most 1000 characters').nullable().optional(),
});
export type CreateMeasurementBody = z.input<typeof CreateMeasurementBody>;

export const UpdateMeasurementBody = z.object({
  value: z.number({ message: 'must be a number' }).optional(),
  note: z.string().trim().max(1000, 'must be at most 1000 characters').nullable().optional(),
});
export type UpdateMeasurementBody = z.infer<typeof UpdateMeasurementBody>;

export const ImportQuery = z.object({
  /** true: only check and preview, write nothing. */
  dryRun: z.enum(['true', 'false']).default('true'),
  decimal: z.enum(DECIMAL_SEPARATORS).optional(),
  dateOrder: DateOrder.optional(),
  /**
   * The columns to read, by their header in the file (as `detected.columns` lists them); the
   * note and source columns may be `""` for none. Absent: the metric's last choice when the
   * file has those columns, else detected (known names, else the first column of times and the
   * first column of numbers). A successful import remembers the columns for the metric.
   */
  timeColumn: z.string().max(200).optional(),
  valueColumn: z.string().max(200).optional(),
  noteColumn: z.string().max(200).optional(),
  sourceColumn: z.string().max(200).optional(),
});

const ColumnName = z.string().nullable();
export const ImportReport = z.object({
  dryRun: z.boolean(),
  detected: z.object({
    encoding: z.string(),
    delimiter: z.string(),
    decimal: z.string(),
    dateOrder: DateOrder,
    columns: z.array(z.string()),
    /** The header of the column each field was read from (null: none). */
    mapping: z.object({
      at: ColumnName,
      value: ColumnName,
      note: ColumnName,
      source: ColumnName,
    }),
    /** Chosen in this request, remembered from the metric's last import, or detected. */
    mappingFrom: z.enum(['chosen', 'remembered', 'detected']),
    /** Columns that read as times and as numbers: what the pickers offer first. */
    candidates: z.object({ at: z.array(z.string()), value: z.array(z.string()) }),
    /**
     * The time or value column is a guess among several: the import (dryRun=false) needs the
     * columns chosen (timeColumn, valueColumn).
     */
    needsChoice: z.boolean(),
  }),
  rows: z.number().int(),
  /** The first rows as read, for the preview. */
  preview: z.array(
    z.object({
      line: z.number().int(),
      at: Timestamp,
      value: z.number(),
      note: z.string().nullable(),
      source: z.string(),
    }),
  ),
  problems: z.array(
    z.object({
      line: z.number().int(),
      column: z.string(),
      /** English, for the API and the CLI. */
      reason: z.string(),
      /**
       * Stable code for clients to translate, with `params` to fill in, e.g. `not_a_number`
       * { value, decimal }, `below_min` { value, limit }, `duplicate` { firstLine }. Clients
       * show `reason` for codes they do not know (optional for reports of older servers).
       */
      code: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  /** Written now (0 on a dry run), and rows that were already stored (same time and source). */
  stored: z.number().int(),
  duplicates: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * What a pushed point does when a value with the same metric, time and source is stored:
 * `add` (the default) keeps the stored one, so retries are safe; `replace` corrects it to the
 * new value (and note, when given), recorded in the audit trail like a correction by hand.
 */
export const PUSH_MODES = ['add', 'replace'] as const;
export const PushMode = z.enum(PUSH_MODES);
export type PushMode = z.infer<typeof PushMode>;

export const PushPoint = z.object({
  metricId: z.string().min(1, 'must not be empty'),
  /** Overrides the batch's `mode` for this point. */
  mode: PushMode.optional(),
  at: Instant,
  value: z.number({ message: 'must be a number' }),
  source: line(100).optional(),
  idempotencyKey: line(200).optional(),
  note: z.string().max(1000, 'must be at most 1000 characters').nullable().optional(),
});
export type PushPoint = z.input<typeof PushPoint>;

export const PUSH_MAX_POINTS = 10_000;
export const PushBody = z.object({
  /** For every point without its own `mode`; `add` when absent. */
  mode: PushMode.optional(),
  points: z
    .array(PushPoint)
    .min(1, 'must contain at least one point')
    .max(PUSH_MAX_POINTS, `must contain at most ${PUSH_MAX_POINTS} points per request`),
});
export type PushBody = z.input<typeof PushBody>;

export const PushResult = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  /** Stored values corrected by points sent with mode `replace` (and a different value or note). */
  replaced: z.number().int(),
  /** Points already stored earlier (same metric, time and source, or same idempotency key). */
  duplicates: z.number().int(),
});
export type PushResult = z.infer<typeof PushResult>;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters, to recognise a token without revealing it. */
  prefix: z.string(),
  createdBy: PersonRef.nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenBody = z.object({ name: line(80) });
export const CreatedToken = z.object({
  token: ApiToken,
  /** The secret, shown this once. Send it as `Authorization: Bearer <secret>`. */
  secret: z.string(),
});
export type CreatedToken = z.infer<typeof CreatedToken>;
