import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../contracts/audit.js';
import type { DemoOverview, HeldDemo } from '../../../contracts/demos.js';
import { testDialects } from '../../test-support/dialects.js';
import { createPrivacyApp, type PrivacyScenario } from '../../test-support/privacy-scenario.js';
import type { TestApp, TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

/**
 * "Tandem measures initiatives, never people", as a property of every answer. Per-person
 * data in an answer means any of:
 * - an object keyed by a person's id with a number as value ({ "<user id>": 7 });
 * - an object that is about a person (its `id`, `userId` or `personId` is a person's id, or it
 *   carries a `person`) with a number that counts, rates, ranks or scores
 *   (count, rate, score, rank, total, average, ratio, percent, share, confidence, vote);
 * - a vote carrying its voter: an object with a numeric `confidence` or `vote` beside any
 *   field naming a person.
 */
const STATISTIC = /count|rate|score|rank|total|average|avg|ratio|percent|share|confidence|vote/i;
const VOTE = /^(confidence|vote|rating)$/i;

export function perPersonFindings(answer: unknown, people: Set<string>, where = '$'): string[] {
  const found: string[] = [];
  const isPerson = (v: unknown) => typeof v === 'string' && people.has(v);
  const names = (o: Record<string, unknown>) =>
    Object.entries(o).some(
      ([k, v]) =>
        isPerson(v) ||
        (typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          k !== 'confidence' &&
          isPerson((v as Record<string, unknown>).id)),
    );
  if (Array.isArray(answer)) {
    answer.forEach((x, i) => found.push(...perPersonFindings(x, people, `${where}[${i}]`)));
    return found;
  }
  if (typeof answer !== 'object' || answer === null) return found;
  const o = answer as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (people.has(k) && typeof v === 'number') found.push(`${where}: keyed by a person`);
  }
  const aboutPerson =
    isPerson(o.id) || isPerson(o.userId) || isPerson(o.personId) || typeof o.person === 'object';
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'number') continue;
    if (aboutPerson && STATISTIC.test(k)) found.push(`${where}.${k}: a figure about a person`);
    else if (VOTE.test(k) && names(o)) found.push(`${where}.${k}: a vote with its voter`);
  }
  for (const [k, v] of Object.entries(o))
    if (typeof v === 'object') found.push(...perPersonFindings(v, people, `${where}.${k}`));
  return found;
}

describe.each(dialects)('works-council mode (%s)', (dialect) => {
  let t: TestApp;
  let s: PrivacyScenario;
  let outsider: TestUser;
  let people: Set<string>;
  beforeAll(async () => {
    ({ t, s } = await createPrivacyApp(dialect));
    outsider = await t.user({ side: 'it', name: 'Olga Outside' });
    people = new Set([s.admin, s.erika, s.ian, s.carla, outsider].map((u) => u.id));
  });
  afterAll(() => t.close());

  const others = (self: string) => new Set([...people].filter((p) => p !== self));
  const mode = async (on: boolean) => {
    const res = await t.inject({
      method: 'PUT',
      url: '/api/admin/privacy',
      user: s.admin,
      body: { worksCouncilMode: on },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  /** Every GET route Fastify registered, with ids of the scenario's things filled in. */
  async function everyAnswer(): Promise<
    { route: string; as: string; self: string; body: unknown }[]
  > {
    const k = t.db.kysely;
    const first = async (table: 'goals' | 'handoffs' | 'metrics') =>
      (await k.selectFrom(table).select('id').executeTakeFirst())?.id ?? 'none';
    const ids: Record<string, string> = {
      initiatives: s.initiative.id,
      demos: s.demoId,
      goals: await first('goals'),
      handoffs: await first('handoffs'),
      metrics: await first('metrics'),
      users: s.erika.id,
      people: s.erika.id,
    };
    const routes = t.app.registeredRoutes.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'),
    );
    expect(routes.length).toBeGreaterThan(25);
    const answers: { route: string; as: string; self: string; body: unknown }[] = [];
    for (const r of routes) {
      const parts = r.url.split('/');
      const url = parts
        .map((p, i) => (p.startsWith(':') ? (ids[parts[i - 1] ?? ''] ?? 'none') : p))
        .join('/');
      for (const [as, user] of [
        ['admin', s.admin],
        ['owner', s.erika],
        ['outsider', outsider],
      ] as const) {
        const res = await t.inject({ method: 'GET', url, user });
        if (res.statusCode === 200 && String(res.headers['content-type']).includes('json'))
          answers.push({ route: `GET ${r.url}`, as, self: user.id, body: res.json() });
      }
    }
    return answers;
  }

  it('without it, the walk finds the votes with their voters (the check is not vacuous)', async () => {
    const answers = await everyAnswer();
    const findings = answers.flatMap((a) =>
      // What an answer says about the asker is theirs to know (their own export, their desk).
      perPersonFindings(a.body, others(a.self)).map((f) => `${a.route} as ${a.as}: ${f}`),
    );
    expect(findings.some((f) => /vote with its voter|figure about a person/.test(f))).toBe(true);
  });

  it('with it, no answer of any GET route carries per-person counts, rates or votes', async () => {
    await mode(true);
    const answers = await everyAnswer();
    expect(new Set(answers.map((a) => a.route)).size).toBeGreaterThan(20);
    const findings = answers.flatMap((a) =>
      // What an answer says about the asker is theirs to know (their own export, their desk).
      perPersonFindings(a.body, others(a.self)).map((f) => `${a.route} as ${a.as}: ${f}`),
    );
    expect(findings).toEqual([]);
  });

  it('votes from 2 people show counts per side but no average', async () => {
    const demo = (
      await t.inject({ method: 'GET', url: `/api/demos/${s.demoId}`, user: s.erika })
    ).json<HeldDemo>();
    expect(demo.confidence).toEqual({
      business: null,
      it: null,
      overall: null,
      votes: 2,
      businessVotes: 1,
      itVotes: 1,
      divergent: false,
    });
    expect(demo.attendees.map((a) => a.confidence)).toEqual([null, null]);
    const overview = (
      await t.inject({
        method: 'GET',
        url: `/api/initiatives/${s.initiative.id}/demos`,
        user: s.erika,
      })
    ).json<DemoOverview>();
    expect(overview.past[0]?.confidence?.overall).toBeNull();
  });

  it('people outside the initiative see roles in its activity, not names; its team sees names', async () => {
    const outside = await t.activity(s.initiative, outsider);
    expect(outside.length).toBeGreaterThan(3);
    expect(outside.every((e: AuditEvent) => e.actor === null)).toBe(true);
    expect(outside.map((e) => e.actorRole)).toContainEqual({ side: 'business', role: 'owner' });
    const text = JSON.stringify(outside);
    // Names in what people typed stay (the problem text names Erika); every person field goes.
    for (const name of ['Erika Muster-Qz', ...s.names.ian]) expect(text).not.toContain(name);
    const inside = await t.activity(s.initiative, s.carla);
    expect(inside.some((e) => e.actor?.name === 'Erika Mustermann-Qz')).toBe(true);
  });

  it('the trail never lists who voted what', async () => {
    await mode(false);
    const audit = await t.inject({ method: 'GET', url: '/api/audit?limit=200', user: s.admin });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.body).toContain('demo.held');
    expect(audit.body).not.toContain('"confidence"');
  });
});
