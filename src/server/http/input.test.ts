import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordDemoBody } from '../../contracts/demos.js';
import { DeliverableInput } from '../../contracts/handoffs.js';
import { testDialects } from '../test-support/dialects.js';
import { createScenarioApp, createToken, pushAs, type Scenario } from '../test-support/scenario.js';
import type { TestApp } from '../test-support/test-app.js';

const dialects = await testDialects();

type Problem = { code: string; errors: { pointer: string; code: string }[] };

describe.each(dialects)('control characters in requests (%s)', (dialect) => {
  let t: TestApp;
  let s: Scenario;
  beforeAll(async () => {
    ({ t, s } = await createScenarioApp(dialect));
  });
  afterAll(async () => t?.close());

  const refused = (
    res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T },
    pointer: string,
  ) => {
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json<Problem>()).toMatchObject({
      code: 'validation_failed',
      errors: [{ pointer, code: 'control_character' }],
    });
  };

  it('NUL in a body field: a field error, and the name stays', async () => {
    refused(
      await t.inject({ method: 'PATCH', url: '/api/me', user: s.biz, body: { name: 'a\u0000b' } }),
      '/body/name',
    );
    const me = await t.inject({ method: 'GET', url: '/api/me', user: s.biz });
    expect(me.json<{ name: string }>().name).toBe('Bea Business');
  });

  it('NUL in a query or a path parameter', async () => {
    refused(
      await t.inject({ method: 'GET', url: '/api/initiatives?q=a%00b', user: s.biz }),
      '/querystring/q',
    );
    refused(
      await t.inject({ method: 'GET', url: '/api/initiatives/%00', user: s.biz }),
      '/params/id',
    );
  });

  it('NUL in a pushed point: nothing stored', async () => {
    const res = await pushAs(
      t,
      await createToken(t, s),
    )({
      points: [
        { metricId: s.metric.id, at: '2026-11-20T10:00:00Z', value: 1 },
        { metricId: s.metric.id, at: '2026-11-20T11:00:00Z', value: 2, source: 'crm\u0000' },
      ],
    });
    refused(res, '/body/points/1/source');
    const stored = await t.db.kysely.selectFrom('measurements').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('NUL in an imported file: a problem on that row and column, nothing stored', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/metrics/${s.metric.id}/import?dryRun=false`,
      user: s.biz,
      headers: { 'content-type': 'text/csv' },
      body: 'timestamp,value,note\n2026-11-20T10:00:00Z,1,fine\n2026-11-20T11:00:00Z,2,bad\u0000note\n',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>().errors.map((e) => e.pointer)).toEqual(['/body/line/3/note']);
    const stored = await t.db.kysely.selectFrom('measurements').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('other control characters too, also in object keys; tabs and line breaks in long text stay', async () => {
    refused(
      await t.inject({ method: 'PATCH', url: '/api/me', user: s.biz, body: { name: 'a\u001bb' } }),
      '/body/name',
    );
    refused(
      await t.inject({
        method: 'POST',
        url: '/api/initiatives',
        user: s.biz,
        body: { title: 'x', riskAnswers: { 'a\u0007': true } },
      }),
      '/body/riskAnswers/a\u0007',
    );
    const ok = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${s.initiative.id}`,
      user: s.biz,
      body: { version: s.initiative.version, problem: 'Line one\r\n\tLine two' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('single-line fields refuse line breaks and tabs', async () => {
    for (const title of ['Two\nlines', 'Carriage\rreturn', 'A\ttab', 'Line\u2028separator']) {
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/initiatives/${s.initiative.id}`,
        user: s.biz,
        body: { version: 2, title },
      });
      expect(res.statusCode, title).toBe(400);
      expect(res.json<Problem>().errors.map((e) => e.pointer)).toEqual(['/body/title']);
    }
  });
});

describe('stored links are web addresses only', () => {
  const demo = (url: string) =>
    RecordDemoBody.safeParse({
      version: 1,
      presenterId: 'p',
      attendees: [{ userId: 'p' }],
      links: [{ url, title: 'x' }],
    });
  const deliverable = (link: string) =>
    DeliverableInput.safeParse({ title: 'Spec', kind: 'specification', link });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/x',
    'https://',
    'https://exa mple.com',
    '//evil.example/x',
    '/relative/path',
  ])('refuses %s for demo links and handoff deliverables', (url) => {
    expect(demo(url).success).toBe(false);
    expect(deliverable(url).success).toBe(false);
  });

  it.each([
    'https://example.com/prototype?a=1#b',
    'http://intranet.local:8080/x',
    ' https://x.example ',
  ])('accepts %s', (url) => {
    expect(demo(url).success).toBe(true);
    expect(deliverable(url).success).toBe(true);
  });

  it('an empty deliverable link means none; an empty demo link is refused', () => {
    expect(deliverable('').success).toBe(true);
    expect(demo('').success).toBe(false);
  });
});
