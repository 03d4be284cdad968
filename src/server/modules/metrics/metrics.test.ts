import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Metric, MetricSummary, Series } from '../../../contracts/metrics.js';
import { testDialects } from '../../test-support/dialects.js';
import { A_METRIC } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import type { Side } from '../../../domain/sides.js';

const dialects = await testDialects();

describe.each(dialects)('metric definitions and agreement (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let bizMember: TestUser;
  let outsider: TestUser;
  let initiative: Initiative;

  const definition = (over: Record<string, unknown> = {}) => ({
    ...A_METRIC,
    businessOwnerId: biz.id,
    itOwnerId: itOwner.id,
    ...over,
  });
  const createMetric = () => t.given.metric(initiative, { businessOwner: biz, itOwner });
  const signAs = (user: TestUser, metric: { id: string }, version: number, side: Side) =>
    t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/signatures`,
      user,
      body: { version, side },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    biz = await t.user({ side: 'business', name: 'Bea Business' });
    itOwner = await t.user({ side: 'it', name: 'Ian IT' });
    bizMember = await t.user({ side: 'business', name: 'Ben Business' });
    outsider = await t.user({ side: 'it', name: 'Otto Outsider' });
    initiative = await t.given.initiative({
      businessOwner: biz,
      itOwner,
      members: [bizMember],
    });
  });
  afterAll(async () => t?.close());

  it('a new definition is version 1 and waits for both sides', async () => {
    const m = await createMetric();
    expect(m.agreement).toMatchObject({
      currentVersion: 1,
      agreed: false,
      waitingFor: ['business', 'it'],
      mySignature: { business: null, it: { code: 'wrong_side' } },
    });
    expect(m.definition).toMatchObject({
      timeZone: 'Europe/Berlin',
      minValue: null,
      valueType: 'integer',
    });
    expect(m.versions).toHaveLength(1);
  });

  it('a business-only signature does not make it agreed; both sides do', async () => {
    const m = await createMetric();
    const first = await signAs(biz, m, 1, 'business');
    expect(first.statusCode).toBe(200);
    expect(first.json<Metric>().agreement).toMatchObject({
      agreed: false,
      waitingFor: ['it'],
      business: { person: { id: biz.id } },
    });
    const second = await signAs(bizMember, m, 1, 'business');
    expect(second.json<Metric>().agreement.agreed).toBe(false);
    const it = await signAs(itOwner, m, 1, 'it');
    expect(it.json<Metric>().agreement).toMatchObject({
      agreed: true,
      waitingFor: [],
      it: { person: { id: itOwner.id } },
    });
  });

  it('refuses signing twice, for the other side, by non-members, for a stale version — and writes nothing', async () => {
    const m = await createMetric();
    await signAs(biz, m, 1, 'business');
    const twice = await signAs(biz, m, 1, 'business');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_signed' });
    const otherSide = await signAs(biz, m, 1, 'it');
    expect(otherSide.statusCode).toBe(422);
    expect(otherSide.json()).toMatchObject({
      code: 'wrong_side',
      errors: [{ pointer: '/body/side' }],
    });
    const notMember = await signAs(outsider, m, 1, 'it');
    expect(notMember.statusCode).toBe(403);
    const stale = await signAs(itOwner, m, 2, 'it');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
    const now = (
      await t.inject({ method: 'GET', url: `/api/metrics/${m.id}`, user: biz })
    ).json<Metric>();
    expect(now.versions[0]?.signatures.map((s) => s.person.id)).toEqual([biz.id]);
  });

  it('an edit of the definition makes a new version that voids the signatures; other edits do not', async () => {
    const m = await createMetric();
    await signAs(biz, m, 1, 'business');
    const agreed = (await signAs(itOwner, m, 1, 'it')).json<Metric>();
    expect(agreed.agreement.agreed).toBe(true);
    const ownerOnly = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${m.id}`,
      user: biz,
      body: { version: agreed.version, businessOwnerId: bizMember.id },
    });
    expect(ownerOnly.json<Metric>().agreement).toMatchObject({ agreed: true, currentVersion: 1 });
    const edited = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${m.id}`,
      user: itOwner,
      body: {
        version: ownerOnly.json<Metric>().version,
        description: 'Won leads, without test accounts.',
      },
    });
    expect(edited.statusCode).toBe(200);
    const v2 = edited.json<Metric>();
    expect(v2.agreement).toMatchObject({
      agreed: false,
      currentVersion: 2,
      waitingFor: ['business', 'it'],
    });
    expect(v2.versions.map((v) => [v.version, v.signatures.length])).toEqual([
      [2, 0],
      [1, 2],
    ]);
    const stale = await signAs(biz, m, 1, 'business');
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
    const conflict = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${m.id}`,
      user: biz,
      body: { version: agreed.version, unit: 'deals' },
    });
    expect(conflict.statusCode).toBe(409);
    const actions = (await t.activity(initiative, biz, 5)).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['metric.new_version', 'metric.updated']);
  });

  it('stores a zone as the time zone database spells it, and refuses offsets', async () => {
    const created = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/metrics`,
      user: biz,
      body: definition({ timeZone: 'europe/berlin' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json<Metric>();
    expect(m.definition.timeZone).toBe('Europe/Berlin');
    const offset = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${m.id}`,
      user: biz,
      body: { version: m.version, timeZone: '+05:00' },
    });
    expect(offset.statusCode).toBe(400);
    expect(offset.json()).toMatchObject({ errors: [{ pointer: '/body/timeZone' }] });
    const same = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${m.id}`,
      user: biz,
      body: { version: m.version, timeZone: 'EUROPE/BERLIN' },
    });
    // The same zone in another spelling is no change of the definition.
    expect(same.json<Metric>()).toMatchObject({
      definition: { timeZone: 'Europe/Berlin' },
      agreement: { currentVersion: 1 },
    });
    const alias = await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${m.id}`,
      user: biz,
      body: { version: same.json<Metric>().version, timeZone: 'US/Eastern' },
    });
    expect(alias.json<Metric>().definition.timeZone).toBe('America/New_York');
  });

  it('rejects bad definitions naming the field, writing nothing', async () => {
    const before = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}/metrics`, user: biz })
    ).json<MetricSummary[]>().length;
    const bad = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/metrics`,
      user: biz,
      body: definition({ timeZone: 'Mars/Olympus', aggregation: 'median' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/body/aggregation', '/body/timeZone']);
    const range = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/metrics`,
      user: biz,
      body: definition({ minValue: 10, maxValue: 1 }),
    });
    expect(range.json()).toMatchObject({ errors: [{ pointer: '/body/maxValue' }] });
    const owner = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/metrics`,
      user: biz,
      body: definition({ itOwnerId: outsider.id }),
    });
    expect(owner.json()).toMatchObject({
      errors: [{ pointer: '/body/itOwnerId', code: 'not_member' }],
    });
    const outsiderCreate = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/metrics`,
      user: outsider,
      body: definition(),
    });
    expect(outsiderCreate.statusCode).toBe(403);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/initiatives/${initiative.id}/metrics`,
          user: biz,
        })
      ).json<MetricSummary[]>(),
    ).toHaveLength(before);
  });
});

describe.each(dialects)('measurements: manual, CSV, push (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let viewer: TestUser;
  let initiative: Initiative;
  let other: Initiative;
  let metric: Metric;
  let foreignMetric: Metric;
  let token: string;

  const series = async (period = 'day') =>
    (
      await t.inject({
        method: 'GET',
        url: `/api/metrics/${metric.id}/series?period=${period}`,
        user: biz,
      })
    ).json<Series>();
  const push = (points: unknown[], bearer = token) =>
    t.app.inject({
      method: 'POST',
      url: '/api/push/measurements',
      headers: { authorization: `Bearer ${bearer}` },
      payload: { points },
    });
  const csv = (body: string | Buffer, dryRun = true, user = biz) =>
    t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/import?dryRun=${dryRun}`,
      user,
      body,
      headers: { 'content-type': 'text/csv' },
    });
  const countPoints = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('measurements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('metric_id', '=', metric.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    biz = await t.user({ side: 'business' });
    itOwner = await t.user({ side: 'it' });
    viewer = await t.user({ side: 'business', role: 'viewer' });
    const owners = { businessOwner: biz, itOwner };
    initiative = await t.given.initiative({ ...owners, title: 'Customer assistant' });
    other = await t.given.initiative({ ...owners, title: 'Other' });
    const definition = {
      ...owners,
      name: 'Processing time',
      description: 'Minutes per case',
      dataSource: 'Ticket system',
      unit: 'min',
      valueType: 'decimal' as const,
      direction: 'lower_is_better' as const,
      aggregation: 'average' as const,
      period: 'week' as const,
      minValue: 0,
      maxValue: 600,
    };
    metric = await t.given.metric(initiative, definition);
    foreignMetric = await t.given.metric(other, definition);
    token = (
      await t.inject({
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/tokens`,
        user: biz,
        body: { name: 'ticket-bot' },
      })
    ).json<{ secret: string }>().secret;
  });
  afterAll(async () => t?.close());

  it('enters, corrects and deletes values by hand, keeping aggregates and the audit trail right', async () => {
    const a = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: biz,
      body: { at: '2026-11-02T09:00:00+01:00', value: 30, note: 'Monday' },
    });
    expect(a.statusCode).toBe(201);
    await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: biz,
      body: { at: '2026-11-03T09:00:00+01:00', value: 10 },
    });
    expect((await series('week')).points).toEqual([
      { start: '2026-11-02', value: 20, count: 2, sources: ['manual'] },
    ]);
    const dup = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: biz,
      body: { at: '2026-11-02T08:00:00Z', value: 1 },
    });
    expect(dup.statusCode).toBe(409);
    const id = a.json<{ id: string }>().id;
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/metrics/${metric.id}/measurements/${id}`,
          user: biz,
          body: { value: 50 },
        })
      ).statusCode,
    ).toBe(204);
    expect((await series('week')).points[0]?.value).toBe(30);
    expect(
      (
        await t.inject({
          method: 'DELETE',
          url: `/api/metrics/${metric.id}/measurements/${id}`,
          user: itOwner,
        })
      ).statusCode,
    ).toBe(204);
    expect((await series('week')).points).toEqual([
      { start: '2026-11-02', value: 10, count: 1, sources: ['manual'] },
    ]);
    // The list shows each metric's latest delivery, from the daily aggregates.
    const listed = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}/metrics`, user: biz })
    ).json<MetricSummary[]>();
    expect(listed.find((m) => m.id === metric.id)?.latest).toEqual({
      day: '2026-11-03',
      value: 10,
      at: '2026-11-03T08:00:00.000Z',
    });
    expect(listed.find((m) => m.id === foreignMetric.id)).toBeUndefined();
    const events = await t.activity(initiative, biz, 3);
    expect(events.map((e) => e.action)).toEqual([
      'measurement.deleted',
      'measurement.corrected',
      'measurement.created',
    ]);
    expect(events[0]?.before).toMatchObject({ value: 50, note: 'Monday' });
  });

  it('rejects bad values by hand: out of range, NaN-like, unparseable time; viewers cannot enter', async () => {
    const range = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: biz,
      body: { at: '2026-11-05T09:00:00Z', value: 601 },
    });
    expect(range.statusCode).toBe(422);
    expect(range.json()).toMatchObject({ errors: [{ pointer: '/body/value' }] });
    const time = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: biz,
      body: { at: 'next tuesday', value: 1 },
    });
    expect(time.statusCode).toBe(400);
    expect(time.json()).toMatchObject({ errors: [{ pointer: '/body/at' }] });
    const nan = await t.app.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      headers: {
        cookie: biz.cookie,
        origin: 'http://localhost:80',
        'content-type': 'application/json',
      },
      payload: '{"at":"2026-11-05T09:00:00Z","value":NaN}',
    });
    expect(nan.statusCode).toBe(400);
    const asViewer = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/measurements`,
      user: viewer,
      body: { at: '2026-11-05T09:00:00Z', value: 1 },
    });
    expect(asViewer.statusCode).toBe(403);
  });

  it('previews a CSV import with per-row problems and writes nothing; then imports all rows at once', async () => {
    const before = await countPoints();
    const bad = await csv(
      'Datum;Wert;Notiz\n10.11.2026;12,5;ok\n11.11.2026;abc;\n31.02.2026;3;\n12.11.2026;700;zu hoch\n',
    );
    expect(bad.statusCode).toBe(200);
    const report = bad.json<{
      rows: number;
      problems: { line: number; column: string; code: string; params: object }[];
    }>();
    expect(report.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, 'Wert', 'not_a_number'],
      [4, 'Datum', 'invalid_date'],
      [5, 'Wert', 'above_max'],
    ]);
    expect(report.problems[0]?.params).toEqual({ value: 'abc', decimal: ',' });
    expect(report.problems[2]).toMatchObject({
      reason: '700 is above the maximum 600',
      params: { value: 700, limit: 600 },
    });
    const refused = await csv('Datum;Wert;Notiz\n10.11.2026;12,5;ok\n11.11.2026;abc;\n', false);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'import_invalid',
      errors: [{ pointer: '/body/line/3/Wert' }],
    });
    expect(await countPoints()).toBe(before);

    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        'Date,Value,Note\n11/10/2026 9:00 AM,12.5,"first, with comma"\n11/11/2026 9:00 AM,7.5,\n',
      ),
    ]);
    const preview = await csv(file);
    expect(preview.json()).toMatchObject({
      rows: 2,
      problems: [],
      stored: 0,
      detected: { delimiter: ',', decimal: '.', encoding: 'utf-8 (BOM)' },
    });
    expect(await countPoints()).toBe(before);
    const imported = await csv(file, false);
    expect(imported.json()).toMatchObject({ dryRun: false, rows: 2, stored: 2, duplicates: 0 });
    const again = await csv(file, false);
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await countPoints()).toBe(before + 2);
    expect((await series('week')).points.find((p) => p.start === '2026-11-09')).toMatchObject({
      value: 10,
      count: 2,
      sources: ['csv'],
    });
  });

  it('pushes with a token: idempotent by time and source or by key, all or nothing', async () => {
    const before = await countPoints();
    const points = Array.from({ length: 50 }, (_, i) => ({
      metricId: metric.id,
      at: Date.parse('2026-10-01T08:00:00Z') + i * 3_600_000,
      value: i % 60,
      idempotencyKey: `k-${i}`,
    }));
    const first = await push(points);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 50, stored: 50, replaced: 0, duplicates: 0 });
    const retry = await push(points);
    expect(retry.json()).toEqual({ received: 50, stored: 0, replaced: 0, duplicates: 50 });
    // Same idempotency key at another time: still a duplicate.
    const sameKey = await push([{ ...points[0], at: Date.parse('2026-10-30T08:00:00Z') }]);
    expect(sameKey.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await countPoints()).toBe(before + 50);

    const mixed = await push([
      { metricId: metric.id, at: '2026-10-20T08:00:00Z', value: 5 },
      { metricId: metric.id, at: '2026-10-20T09:00:00Z', value: 9999 },
      { metricId: 'no-such-metric', at: '2026-10-20T10:00:00Z', value: 1 },
    ]);
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual([
      '/body/points/1/value',
      '/body/points/2/metricId',
    ]);
    const badTime = await push([{ metricId: metric.id, at: '20.10.2026', value: 5 }]);
    expect(badTime.statusCode).toBe(422);
    expect(badTime.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toMatch(
      /^\/body\/points\/0\/at/,
    );
    expect(await countPoints()).toBe(before + 50);
  });

  it('refuses foreign, revoked and missing tokens, writing nothing; oversize batches are refused', async () => {
    const before = await countPoints();
    const point = { metricId: foreignMetric.id, at: '2026-10-21T08:00:00Z', value: 1 };
    expect((await push([point])).statusCode).toBe(403);
    expect((await push([{ ...point, metricId: metric.id }], 'tdm_not-a-token')).statusCode).toBe(
      401,
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/push/measurements',
          payload: { points: [point] },
        })
      ).statusCode,
    ).toBe(401);
    const oversize = await push(
      Array.from({ length: 10_001 }, (_, i) => ({ metricId: metric.id, at: i, value: 1 })),
    );
    expect(oversize.statusCode).toBe(400);
    expect(oversize.json()).toMatchObject({ errors: [{ pointer: '/body/points' }] });
    const created = (
      await t.inject({
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/tokens`,
        user: biz,
        body: { name: 'temp' },
      })
    ).json<{ token: { id: string }; secret: string }>();
    expect((await push([{ ...point, metricId: metric.id }], created.secret)).statusCode).toBe(200);
    expect(
      (
        await t.inject({
          method: 'DELETE',
          url: `/api/initiatives/${initiative.id}/tokens/${created.token.id}`,
          user: biz,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await push([{ ...point, metricId: metric.id, at: '2026-10-22T08:00:00Z' }], created.secret))
        .statusCode,
    ).toBe(401);
    expect(await countPoints()).toBe(before + 1);
    const tokens = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}/tokens`, user: biz })
    ).json<{ name: string; revokedAt: string | null; prefix: string }[]>();
    expect(tokens.find((x) => x.name === 'temp')?.revokedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(created.secret);
    const stored = await t.db.kysely.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(created.secret);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/initiatives/${initiative.id}/tokens`,
          user: viewer,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('pages raw measurements without skipping values that share an instant', async () => {
    const at = '2026-09-01T08:00:00Z';
    const same = ['a', 'b', 'c', 'd', 'e'].map((source, i) => ({
      metricId: metric.id,
      at,
      value: i,
      source,
    }));
    expect((await push(same)).json()).toMatchObject({ stored: 5 });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const url = `/api/metrics/${metric.id}/measurements?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const rows = (await t.inject({ method: 'GET', url, user: biz })).json<
        { id: string; at: string }[]
      >();
      seen.push(...rows.map((r) => r.id));
      if (rows.length < 2) break;
      cursor = rows.at(-1)?.id;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await countPoints());
    const bad = await t.inject({
      method: 'GET',
      url: `/api/metrics/${metric.id}/measurements?cursor=nope`,
      user: biz,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses values that could overflow a sum, and survives a malformed file-name header', async () => {
    const huge = await t.inject({
      method: 'POST',
      url: `/api/metrics/${foreignMetric.id}/measurements`,
      user: biz,
      body: { at: '2026-11-20T10:00:00Z', value: 1.7e308 },
    });
    expect(huge.statusCode).toBe(422);
    expect(huge.json()).toMatchObject({ errors: [{ pointer: '/body/value' }] });
    const pushed = await push([{ metricId: metric.id, at: '2026-11-20T10:00:00Z', value: -1e300 }]);
    expect(pushed.statusCode).toBe(422);
    const res = await t.inject({
      method: 'POST',
      url: `/api/metrics/${metric.id}/import?dryRun=true`,
      user: biz,
      body: 'Datum;Wert\n20.11.2026;5\n',
      headers: { 'content-type': 'text/csv', 'x-file-name': '%E0%A4%A' },
    });
    expect(res.statusCode).toBe(200);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/metrics/${metric.id}/series?period=week`,
          user: biz,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('exports the series as CSV with formula cells neutralised', async () => {
    await t.inject({
      method: 'PATCH',
      url: `/api/metrics/${metric.id}`,
      user: biz,
      body: {
        version: (
          await t.inject({ method: 'GET', url: `/api/metrics/${metric.id}`, user: biz })
        ).json<Metric>().version,
        unit: '=HYPERLINK("x")',
      },
    });
    const res = await t.inject({
      method: 'GET',
      url: `/api/metrics/${metric.id}/series.csv?period=month`,
      user: biz,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="Processing-time-month.csv"/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('period_start,value_average,unit,count,sources');
    expect(lines.find((l) => l.startsWith('2026-10-01'))).toMatch(
      /^2026-10-01,[\d.]+,"'=HYPERLINK\(""x""\)",\d+,/,
    );
  });

  it('hides metrics of members-only initiatives from non-members', async () => {
    const stranger = await t.user({ side: 'it' });
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${initiative.id}`,
      user: biz,
      body: {
        version: (
          await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}`, user: biz })
        ).json<Initiative>().version,
        visibility: 'members',
      },
    });
    expect(
      (await t.inject({ method: 'GET', url: `/api/metrics/${metric.id}`, user: stranger }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/metrics/${metric.id}/series`, user: stranger }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/initiatives/${initiative.id}/metrics`,
          user: stranger,
        })
      ).statusCode,
    ).toBe(404);
  });
});
