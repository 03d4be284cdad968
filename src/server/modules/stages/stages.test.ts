import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../../contracts/stages.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('stages (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  const list = async () =>
    (await t.inject({ method: 'GET', url: '/api/stages', user: member })).json<Stage[]>();
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.user({ role: 'admin', side: 'it' });
    member = await t.user();
  });
  afterAll(async () => t?.close());

  it('starts with the default lifecycle, each with an owning side and checklist', async () => {
    const stages = await list();
    expect(stages.map((s) => [s.key, s.nameDe, s.owningSide])).toEqual([
      ['idea', 'Idee', 'business'],
      ['specification', 'Spezifikation', 'business'],
      ['build', 'Umsetzung', 'it'],
      ['integration', 'Integration', 'it'],
      ['pilot', 'Pilotbetrieb', 'both'],
      ['operation', 'Betrieb', 'both'],
    ]);
    expect(stages.find((s) => s.key === 'build')?.checklist.map((c) => c.id)).toEqual([
      'acceptance_criteria',
      'data_sources',
      'data_protection',
    ]);
  });

  it('admins rename, edit checklists, add, reorder and delete; members may not', async () => {
    const [idea, spec] = await list();
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/stages/${idea?.id ?? ''}`,
          user: member,
          body: { nameEn: 'X' },
        })
      ).statusCode,
    ).toBe(403);
    const renamed = await t.inject({
      method: 'PATCH',
      url: `/api/stages/${spec?.id ?? ''}`,
      user: admin,
      body: {
        nameDe: 'Fachkonzept',
        checklist: [
          ...(spec?.checklist ?? []),
          { labelEn: 'Budget approved', labelDe: 'Budget freigegeben' },
        ],
      },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      nameDe: 'Fachkonzept',
      checklist: expect.arrayContaining([
        { id: 'budget_approved', labelEn: 'Budget approved', labelDe: 'Budget freigegeben' },
      ]),
    });

    const added = await t.inject({
      method: 'POST',
      url: '/api/stages',
      user: admin,
      body: { nameEn: 'Review', nameDe: 'Prüfung', owningSide: 'both', position: 2 },
    });
    expect(added.statusCode).toBe(201);
    const review = added.json<Stage>();
    expect((await list()).map((s) => s.key).slice(0, 4)).toEqual([
      'idea',
      'specification',
      'review',
      'build',
    ]);

    const ids = (await list()).map((s) => s.id).reverse();
    const reordered = await t.inject({
      method: 'PUT',
      url: '/api/stages/order',
      user: admin,
      body: { ids },
    });
    expect(reordered.json<Stage[]>().map((s) => s.id)).toEqual(ids);
    const partial = await t.inject({
      method: 'PUT',
      url: '/api/stages/order',
      user: admin,
      body: { ids: ids.slice(1) },
    });
    expect(partial.statusCode).toBe(422);
    expect((await list()).map((s) => s.id)).toEqual(ids);

    expect(
      (await t.inject({ method: 'DELETE', url: `/api/stages/${review.id}`, user: admin }))
        .statusCode,
    ).toBe(204);
    expect((await list()).some((s) => s.id === review.id)).toBe(false);
  });

  it('refuses to delete a stage that initiatives are in', async () => {
    const biz = await t.user({ side: 'business' });
    const itOwner = await t.user({ side: 'it' });
    const stages = await list();
    const target = stages[0];
    await t.given.initiative({ businessOwner: biz, itOwner, stage: target?.key });
    const res = await t.inject({
      method: 'DELETE',
      url: `/api/stages/${target?.id ?? ''}`,
      user: admin,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'stage_in_use' });
  });

  it('rejects bad input naming the field', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/stages',
      user: admin,
      body: { nameEn: '', nameDe: 'x', owningSide: 'marketing' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/body/nameEn', '/body/owningSide']);
  });
});
