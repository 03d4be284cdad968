import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../../contracts/metrics.js';
import { lockMetricAggregates } from '../../db/dialect.js';
import { rebuildAggregates } from './ingest.js';
import { testDialects } from '../../test-support/dialects.js';
import {
  createMetric,
  createPushScenarioApp,
  type PushScenario,
  type Scenario,
} from '../../test-support/scenario.js';
import type { TestApp } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

/**
 * The daily aggregates against the raw points they summarise. An independent model of the
 * periods (local calendar day in the metric's zone, ISO week from Monday, calendar month)
 * and of the aggregations, computed straight from the measurements table.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const localDate = (ms: number, timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
};

function periodOf(date: string, period: 'day' | 'week' | 'month'): string {
  if (period === 'day') return date;
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

interface Raw {
  at: number;
  value: number;
}

function expectedSeries(
  raw: Raw[],
  timeZone: string,
  period: 'day' | 'week' | 'month',
  aggregation: 'sum' | 'average' | 'last' | 'count',
) {
  const buckets = new Map<string, Raw[]>();
  for (const r of raw) {
    const key = periodOf(localDate(r.at, timeZone), period);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(r);
    else buckets.set(key, [r]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, points]) => {
      const sum = points.reduce((s, p) => s + p.value, 0);
      // Latest time; of points at the same instant, the larger value.
      const last = points.reduce((a, b) =>
        b.at > a.at || (b.at === a.at && b.value > a.value) ? b : a,
      );
      const value =
        aggregation === 'sum'
          ? sum
          : aggregation === 'count'
            ? points.length
            : aggregation === 'average'
              ? sum / points.length
              : last.value;
      return { start, count: points.length, value };
    });
}

async function rawPoints(t: TestApp, metricId: string): Promise<Raw[]> {
  const rows = await t.db.kysely
    .selectFrom('measurements')
    .select(['at', 'value'])
    .where('metric_id', '=', metricId)
    .execute();
  return rows.map((r) => ({ at: Number(r.at), value: r.value }));
}

async function series(t: TestApp, s: Scenario, metricId: string, period: string) {
  const res = await t.inject({
    method: 'GET',
    url: `/api/metrics/${metricId}/series?period=${period}`,
    user: s.biz,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Series>().points;
}

function expectSameSeries(
  actual: { start: string; count: number; value: number }[],
  expected: ReturnType<typeof expectedSeries>,
) {
  expect(actual.map((p) => [p.start, p.count])).toEqual(expected.map((p) => [p.start, p.count]));
  actual.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i]?.value ?? Number.NaN, 6));
}

describe.each(dialects)('daily aggregates equal the raw points (%s)', (dialect) => {
  let t: TestApp;
  let s: PushScenario;
  beforeAll(async () => {
    ({ t, s } = await createPushScenarioApp(dialect, LONG_SESSIONS));
  });
  afterAll(async () => t?.close());

  const push = (points: unknown[]) => s.push({ points });

  // Days around daylight-saving changes (EU, US, Lord Howe's half hour), a month and a year end.
  const BASE_DAYS = [
    '2026-03-29',
    '2026-10-25',
    '2026-03-08',
    '2026-11-01',
    '2026-10-04',
    '2026-05-31',
    '2026-12-31',
  ];
  const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe'];

  // Points cluster on one or two of those days (±1 day), so batches often bring several
  // points for the same local day: the case a wrong fold gets wrong.
  const point = (days: string[]) =>
    fc.record({
      base: fc.constantFrom(...days),
      minute: fc.integer({ min: -24 * 60, max: 48 * 60 }),
      value: fc.integer({ min: -500, max: 5000 }).map((v) => v / 4),
      source: fc.constantFrom('crm', 'erp', 'sensor'),
      key: fc.option(fc.constantFrom('k1', 'k2', 'k3', 'k4'), { nil: undefined }),
    });
  const scenario = fc.subarray(BASE_DAYS, { minLength: 1, maxLength: 2 }).chain((days) =>
    fc.record({
      timeZone: fc.constantFrom(...ZONES),
      aggregation: fc.constantFrom(
        'sum' as const,
        'average' as const,
        'last' as const,
        'count' as const,
      ),
      // Several batches, each with several points per day; some sent again (retries).
      batches: fc.array(fc.array(point(days), { minLength: 2, maxLength: 30, size: 'medium' }), {
        minLength: 1,
        maxLength: 4,
      }),
      retries: fc.array(fc.nat(), { maxLength: 3 }),
      corrections: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -100, max: 100 })), {
        maxLength: 3,
      }),
      deletions: fc.array(fc.nat(), { maxLength: 3 }),
    }),
  );

  it('property: every period’s sum, average, last and count equal a direct computation', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const metric = await createMetric(t, s, {
          timeZone: sc.timeZone,
          aggregation: sc.aggregation,
          name: `m-${Math.random()}`,
        });
        const toApi = (p: (typeof sc.batches)[number][number]) => ({
          metricId: metric.id,
          at: Date.parse(`${p.base}T00:00:00Z`) + p.minute * 60_000,
          value: p.value,
          source: p.source,
          ...(p.key ? { idempotencyKey: `${metric.id}-${p.key}` } : {}),
        });
        for (const batch of sc.batches) expect((await push(batch.map(toApi))).statusCode).toBe(200);
        for (const r of sc.retries) {
          const batch = sc.batches[r % sc.batches.length] ?? [];
          const res = await push(batch.map(toApi));
          expect(res.json<{ stored: number }>().stored).toBe(0);
        }
        const stored = await t.db.kysely
          .selectFrom('measurements')
          .select(['id'])
          .where('metric_id', '=', metric.id)
          .orderBy('id')
          .execute();
        for (const [i, value] of sc.corrections) {
          const m = stored[i % stored.length];
          if (!m) continue;
          const res = await t.inject({
            method: 'PATCH',
            url: `/api/metrics/${metric.id}/measurements/${m.id}`,
            user: s.biz,
            body: { value },
          });
          expect(res.statusCode, res.body).toBe(204);
        }
        const deleted = new Set<string>();
        for (const i of sc.deletions) {
          const m = stored[i % stored.length];
          if (!m || deleted.has(m.id)) continue;
          deleted.add(m.id);
          const res = await t.inject({
            method: 'DELETE',
            url: `/api/metrics/${metric.id}/measurements/${m.id}`,
            user: s.biz,
          });
          expect(res.statusCode, res.body).toBe(204);
        }
        const raw = await rawPoints(t, metric.id);
        for (const period of ['day', 'week', 'month'] as const)
          expectSameSeries(
            await series(t, s, metric.id, period),
            expectedSeries(raw, sc.timeZone, period, sc.aggregation),
          );
      }),
      { numRuns: dialect === 'postgres' ? 30 : 40 },
    );
  });
});

describe.each(dialects.filter((d) => d === 'postgres'))(
  'parallel pushes into one metric (%s)',
  (dialect) => {
    let t: TestApp;
    let s: PushScenario;
    beforeAll(async () => {
      ({ t, s } = await createPushScenarioApp(dialect));
    });
    afterAll(async () => t?.close());

    it('8 clients × 20 batches × 250 points: no update lost in the aggregates', async () => {
      const CLIENTS = 8;
      const BATCHES = 20;
      const SIZE = 250;
      const start = Date.parse('2026-11-02T00:00:00Z');
      const client = async (c: number) => {
        for (let b = 0; b < BATCHES; b += 1) {
          // Unique times spread over the same few days, so every batch meets the others' days.
          const points = Array.from({ length: SIZE }, (_, i) => {
            const n = (b * SIZE + i) * CLIENTS + c;
            return { metricId: s.metric.id, at: start + n * 7_000, value: (n % 10) + 1 };
          });
          const res = await s.push({ points });
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json<{ stored: number }>().stored).toBe(SIZE);
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      const raw = await rawPoints(t, s.metric.id);
      expect(raw).toHaveLength(CLIENTS * BATCHES * SIZE);
      for (const period of ['day', 'month'] as const)
        expectSameSeries(
          await series(t, s, s.metric.id, period),
          expectedSeries(raw, 'Europe/Berlin', period, 'sum'),
        );
      const total = await t.db.kysely
        .selectFrom('metric_daily')
        .select((eb) => [eb.fn.sum<number>('count').as('n'), eb.fn.sum<number>('sum').as('total')])
        .where('metric_id', '=', s.metric.id)
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(CLIENTS * BATCHES * SIZE);
      expect(Number(total.total)).toBe(raw.reduce((a, r) => a + r.value, 0));
    }, 120_000);

    it('corrections and deletions while pushes run: still no update lost', async () => {
      const metric = await createMetric(t, s, { name: 'Busy metric' });
      const start = Date.parse('2026-11-09T00:00:00Z');
      let pushed = 0;
      const pusher = async (c: number) => {
        for (let b = 0; b < 10; b += 1) {
          const points = Array.from({ length: 100 }, (_, i) => {
            const n = (b * 100 + i) * 4 + c;
            return { metricId: metric.id, at: start + n * 60_000, value: (n % 7) + 1 };
          });
          const res = await s.push({ points });
          expect(res.statusCode, res.body).toBe(200);
          pushed += 1;
        }
      };
      const editor = async () => {
        for (let i = 0; i < 20; i += 1) {
          const m = await t.db.kysely
            .selectFrom('measurements')
            .select('id')
            .where('metric_id', '=', metric.id)
            .orderBy('at', 'desc')
            .limit(1)
            .offset(i * 7)
            .executeTakeFirst();
          if (!m) continue;
          const res =
            i % 2 === 0
              ? await t.inject({
                  method: 'DELETE',
                  url: `/api/metrics/${metric.id}/measurements/${m.id}`,
                  user: s.biz,
                })
              : await t.inject({
                  method: 'PATCH',
                  url: `/api/metrics/${metric.id}/measurements/${m.id}`,
                  user: s.biz,
                  body: { value: 1000 + i },
                });
          expect([204, 404]).toContain(res.statusCode);
        }
      };
      await Promise.all([pusher(0), pusher(1), pusher(2), pusher(3), editor()]);
      expect(pushed).toBe(40);
      const raw = await rawPoints(t, metric.id);
      expectSameSeries(
        await series(t, s, metric.id, 'day'),
        expectedSeries(raw, 'Europe/Berlin', 'day', 'sum'),
      );
    }, 120_000);
  },
);

/**
 * A write that waited for a change of the metric's time zone folds its points into the new
 * zone's days. The change (zone updated, aggregates rebuilt) holds the metric's aggregate lock
 * while each kind of write starts; a write that used the zone it read before the lock would
 * leave its day in the old zone's calendar until the next rebuild.
 */
describe.each(dialects.filter((d) => d === 'postgres'))(
  'a write waiting for a change of time zone (%s)',
  (dialect) => {
    let t: TestApp;
    let s: PushScenario;
    beforeAll(async () => {
      ({ t, s } = await createPushScenarioApp(dialect));
    });
    afterAll(async () => t?.close());

    // 12:00 in Berlin on the 10th, 01:00 on the 11th in Kiritimati (UTC+14).
    const at = Date.parse('2026-11-10T11:00:00Z');
    const iso = new Date(at).toISOString();

    /** The zone change, holding the lock until `release()`; resolves once it holds it. */
    const changeZone = async (metricId: string) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const done = t.db.kysely.transaction().execute(async (trx) => {
        await lockMetricAggregates.postgres(trx, [metricId], 'exclusive');
        await trx
          .updateTable('metrics')
          .set({ time_zone: 'Pacific/Kiritimati' })
          .where('id', '=', metricId)
          .execute();
        await rebuildAggregates(trx, metricId);
        locked();
        await released;
      });
      await isLocked;
      return { release, done };
    };

    const waiting = async () => {
      for (let i = 0; i < 500; i += 1) {
        // This database's writes waiting for a metric's aggregate lock (other test files
        // run at the same time on the same server, each in a database of its own).
        const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks
          where not granted and locktype = 'advisory' and classid = 727274102
            and database = (select oid from pg_database where datname = current_database())`.execute(
          t.db.kysely,
        );
        if ((r.rows[0]?.n ?? 0) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the write never waited for the lock');
    };

    const firstId = async (metricId: string) =>
      (
        await t.db.kysely
          .selectFrom('measurements')
          .select('id')
          .where('metric_id', '=', metricId)
          .executeTakeFirstOrThrow()
      ).id;

    const WRITES: {
      name: string;
      existing: boolean;
      write: (
        metricId: string,
        measurementId: string | undefined,
      ) => Promise<{ statusCode: number; body: string }>;
    }[] = [
      {
        name: 'a push',
        existing: false,
        write: (metricId) => s.push({ points: [{ metricId, at: iso, value: 4 }] }),
      },
      {
        name: 'a push replacing a stored value',
        existing: true,
        write: (metricId) =>
          s.push({ mode: 'replace', points: [{ metricId, at: iso, value: 9, source: 'crm' }] }),
      },
      {
        name: 'a value entered by hand',
        existing: false,
        write: (metricId) =>
          t.inject({
            method: 'POST',
            url: `/api/metrics/${metricId}/measurements`,
            user: s.biz,
            body: { at: iso, value: 4 },
          }),
      },
      {
        name: 'a CSV import',
        existing: false,
        write: (metricId) =>
          t.inject({
            method: 'POST',
            url: `/api/metrics/${metricId}/import?dryRun=false`,
            user: s.biz,
            body: `at,value\n${iso},4\n`,
            headers: { 'content-type': 'text/csv' },
          }),
      },
      {
        name: 'a correction',
        existing: true,
        write: (metricId, id) =>
          t.inject({
            method: 'PATCH',
            url: `/api/metrics/${metricId}/measurements/${id}`,
            user: s.biz,
            body: { value: 9 },
          }),
      },
      {
        name: 'a deletion',
        existing: true,
        write: (metricId, id) =>
          t.inject({
            method: 'DELETE',
            url: `/api/metrics/${metricId}/measurements/${id}`,
            user: s.biz,
          }),
      },
    ];

    it.each(WRITES)('$name folds into the new zone’s days', async ({ name, existing, write }) => {
      const metric = await createMetric(t, s, { name: `Zone race: ${name}` });
      // Two values on other days, so the rebuild has days to move.
      const before = await s.push({
        points: [
          { metricId: metric.id, at: iso, value: 1, source: 'crm' },
          { metricId: metric.id, at: at + 3 * 86_400_000, value: 2, source: 'crm' },
        ].slice(existing ? 0 : 1),
      });
      expect(before.statusCode, before.body).toBe(200);
      const id = existing ? await firstId(metric.id) : undefined;
      const change = await changeZone(metric.id);
      const written = write(metric.id, id);
      await waiting();
      change.release();
      await change.done;
      const res = await written;
      expect(res.statusCode, res.body).toBeLessThan(300);
      const raw = await rawPoints(t, metric.id);
      expect(raw.length).toBeGreaterThan(0);
      expectSameSeries(
        await series(t, s, metric.id, 'day'),
        expectedSeries(raw, 'Pacific/Kiritimati', 'day', 'sum'),
      );
    });

    it('a CSV import of local times refuses, storing nothing, when the zone changed meanwhile', async () => {
      const metric = await createMetric(t, s, { name: 'Zone race: local times' });
      const change = await changeZone(metric.id);
      const written = t.inject({
        method: 'POST',
        url: `/api/metrics/${metric.id}/import?dryRun=false`,
        user: s.biz,
        // 12:00 on the 10th, read in Berlin (the zone before the change).
        body: 'at,value\n2026-11-10 12:00,4\n',
        headers: { 'content-type': 'text/csv' },
      });
      await waiting();
      change.release();
      await change.done;
      const res = await written;
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<{ code: string; detail: string }>()).toMatchObject({
        code: 'time_zone_changed',
        detail: expect.stringContaining('Pacific/Kiritimati') as string,
      });
      expect(await rawPoints(t, metric.id)).toEqual([]);
      // Sent again, it is read in the new zone.
      const again = await t.inject({
        method: 'POST',
        url: `/api/metrics/${metric.id}/import?dryRun=false`,
        user: s.biz,
        body: 'at,value\n2026-11-10 12:00,4\n',
        headers: { 'content-type': 'text/csv' },
      });
      expect(again.statusCode, again.body).toBe(200);
      expect(await rawPoints(t, metric.id)).toEqual([
        { at: Date.parse('2026-11-09T22:00:00Z'), value: 4 },
      ]);
    });
  },
);
