import type { LightMyRequestResponse } from 'fastify';
import type { Initiative } from '../../contracts/initiatives.js';
import type { Metric } from '../../contracts/metrics.js';
import { createTestApp, type TestApp, type TestUser } from './test-app.js';

/**
 * A small working setup through the API: an initiative with a business and an IT owner, a
 * metric on it. For tests that need something to act on, not to test these steps.
 */
export interface Scenario {
  biz: TestUser;
  it: TestUser;
  initiative: Initiative;
  metric: Metric;
}

async function ok<T>(res: { statusCode: number; body: string; json: <U>() => U }, status: number) {
  if (res.statusCode !== status)
    throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json<T>();
}

export async function createInitiative(
  t: TestApp,
  biz: TestUser,
  itOwner: TestUser,
  over: Record<string, unknown> = {},
): Promise<Initiative> {
  return ok<Initiative>(
    await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: {
        title: 'Lead generator',
        problem: 'Leads wait for days.',
        expectedBenefit: 'Faster answers.',
        department: 'Sales',
        businessOwnerId: biz.id,
        itOwnerId: itOwner.id,
        riskClass: 'minimal',
        ...over,
      },
    }),
    201,
  );
}

export async function createMetric(
  t: TestApp,
  s: { biz: TestUser; it: TestUser; initiative: { id: string } },
  over: Record<string, unknown> = {},
): Promise<Metric> {
  return ok<Metric>(
    await t.inject({
      method: 'POST',
      url: `/api/initiatives/${s.initiative.id}/metrics`,
      user: s.biz,
      body: {
        name: 'Closed leads',
        description: 'Leads marked won in the CRM.',
        dataSource: 'CRM report',
        unit: 'leads',
        valueType: 'decimal',
        direction: 'higher_is_better',
        aggregation: 'sum',
        period: 'day',
        timeZone: 'Europe/Berlin',
        businessOwnerId: s.biz.id,
        itOwnerId: s.it.id,
        ...over,
      },
    }),
    201,
  );
}

export async function createScenario(t: TestApp): Promise<Scenario> {
  const biz = await t.user({ side: 'business', name: 'Bea Business' });
  const it = await t.user({ side: 'it', name: 'Ian IT' });
  const initiative = await createInitiative(t, biz, it);
  const metric = await createMetric(t, { biz, it, initiative });
  return { biz, it, initiative, metric };
}

/** A fresh app with the scenario in it (for a file's `beforeAll`). */
export async function createScenarioApp(
  ...app: Parameters<typeof createTestApp>
): Promise<{ t: TestApp; s: Scenario }> {
  const t = await createTestApp(...app);
  return { t, s: await createScenario(t) };
}

/** A machine's API token on the initiative (the secret to send as Bearer). */
export async function createToken(t: TestApp, s: Scenario): Promise<string> {
  const created = await ok<{ secret: string }>(
    await t.inject({
      method: 'POST',
      url: `/api/initiatives/${s.initiative.id}/tokens`,
      user: s.biz,
      body: { name: 'crm' },
    }),
    201,
  );
  return created.secret;
}

/** The scenario with a machine's API token, pushing measurements as that machine would. */
export interface PushScenario extends Scenario {
  secret: string;
  /** POST /api/push/measurements with `Bearer <secret>` (or another bearer, to be refused). */
  push: (body: unknown, bearer?: string) => Promise<LightMyRequestResponse>;
}

export async function createPushScenario(t: TestApp): Promise<PushScenario> {
  const s = await createScenario(t);
  const secret = await createToken(t, s);
  return { ...s, secret, push: pushAs(t, secret) };
}

/** A fresh app with the push scenario in it (for a file's `beforeAll`). */
export async function createPushScenarioApp(
  ...app: Parameters<typeof createTestApp>
): Promise<{ t: TestApp; s: PushScenario }> {
  const t = await createTestApp(...app);
  return { t, s: await createPushScenario(t) };
}

/** POST /api/push/measurements as the machine holding `secret`, or as another `bearer`. */
export const pushAs =
  (t: TestApp, secret: string) =>
  (body: unknown, bearer = secret): Promise<LightMyRequestResponse> =>
    t.inject({
      method: 'POST',
      url: '/api/push/measurements',
      headers: { authorization: `Bearer ${bearer}` },
      body,
    });
