import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative, InitiativeSummary } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import { testDialects } from '../../test-support/dialects.js';
import type { InitiativeSpec } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('initiatives (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let it_: TestUser;
  let other: TestUser;
  let viewer: TestUser;
  let admin: TestUser;
  let stages: Stage[];

  const body = (over: Record<string, unknown> = {}) => ({
    title: 'Lead generator',
    problem: 'Leads wait days for a call back.',
    expectedBenefit: 'More closed leads per week.',
    department: 'Sales',
    businessOwnerId: biz.id,
    itOwnerId: it_.id,
    riskClass: 'minimal',
    ...over,
  });
  const create = (over: Partial<InitiativeSpec> = {}, by: TestUser = biz) =>
    t.given.initiative({ businessOwner: biz, itOwner: it_, by, ...over });
  const count = (table: 'initiatives' | 'audit_events' | 'initiative_members') => t.count(table);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    biz = await t.user({ side: 'business', name: 'Anna Business', department: 'Sales' });
    it_ = await t.user({ side: 'it', name: 'Ivan IT' });
    other = await t.user({ side: 'business', name: 'Olga Other' });
    viewer = await t.user({ side: 'business', role: 'viewer', name: 'Vera Viewer' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Adam Admin' });
    stages = (await t.inject({ method: 'GET', url: '/api/stages', user: biz })).json<Stage[]>();
  });
  afterAll(async () => t?.close());

  it('creates an initiative in the first stage with both owners as members and an audit event', async () => {
    const created = await create({ tags: ['CRM', 'CRM', 'Scoring'] });
    expect(created).toMatchObject({
      title: 'Lead generator',
      status: 'active',
      visibility: 'company',
      stage: { key: 'idea' },
      businessOwner: { id: biz.id, side: 'business' },
      itOwner: { id: it_.id, side: 'it' },
      tags: ['CRM', 'Scoring'],
      version: 1,
      permissions: { edit: true, manage: true, moveStage: true },
    });
    expect(created.members.map((m) => [m.person.id, m.role])).toEqual(
      expect.arrayContaining([
        [biz.id, 'owner'],
        [it_.id, 'owner'],
      ]),
    );
    expect(created.members).toHaveLength(2);
    const activity = await t.inject({
      method: 'GET',
      url: `/api/initiatives/${created.id}/activity`,
      user: biz,
    });
    expect(activity.json()).toMatchObject([
      { action: 'initiative.created', actor: { id: biz.id }, after: { title: 'Lead generator' } },
    ]);
  });

  it('rejects owners from the wrong side, the same person twice, and unknown people — naming each field, writing nothing', async () => {
    const before = [
      await count('initiatives'),
      await count('audit_events'),
      await count('initiative_members'),
    ];
    const wrongSide = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: body({ businessOwnerId: it_.id, itOwnerId: biz.id }),
    });
    expect(wrongSide.statusCode).toBe(422);
    expect(wrongSide.headers['content-type']).toMatch(/application\/problem\+json/);
    const pointers = wrongSide
      .json<{ errors: { pointer: string; code: string }[] }>()
      .errors.map((e) => [e.pointer, e.code]);
    expect(pointers).toEqual([
      ['/body/businessOwnerId', 'wrong_side'],
      ['/body/itOwnerId', 'wrong_side'],
    ]);

    const viewerOwner = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: body({ businessOwnerId: viewer.id }),
    });
    expect(viewerOwner.json()).toMatchObject({
      errors: [{ pointer: '/body/businessOwnerId', code: 'viewer' }],
    });
    const sameDeputy = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: body({ businessDeputyId: biz.id }),
    });
    expect(sameDeputy.json()).toMatchObject({
      errors: [{ pointer: '/body/businessDeputyId', code: 'same_person' }],
    });
    const unknown = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: body({ itOwnerId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknown.json()).toMatchObject({
      errors: [{ pointer: '/body/itOwnerId', code: 'unknown_person' }],
    });
    const missing = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: { ...body(), title: '   ', itOwnerId: undefined },
    });
    expect(missing.statusCode).toBe(400);
    const missingPointers = missing
      .json<{ errors: { pointer: string }[] }>()
      .errors.map((e) => e.pointer)
      .sort();
    expect(missingPointers).toEqual(['/body/itOwnerId', '/body/title']);
    expect([
      await count('initiatives'),
      await count('audit_events'),
      await count('initiative_members'),
    ]).toEqual(before);
  });

  it('requires a justification when the chosen risk class is milder than the questionnaire suggests', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: body({ riskClass: 'limited', riskAnswers: { employment_decisions: true } }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ errors: [{ pointer: '/body/riskJustification' }] });
    const unknownQuestion = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: body({ riskAnswers: { made_up: true } }),
    });
    expect(unknownQuestion.json()).toMatchObject({
      errors: [{ pointer: '/body/riskAnswers/made_up' }],
    });
    const ok = await create({
      riskClass: 'limited',
      riskAnswers: { employment_decisions: true },
      riskJustification: 'Only ranks, a person decides.',
    });
    expect(ok.riskJustification).toBe('Only ranks, a person decides.');
  });

  it('keeps members-only initiatives away from non-members (404), and lists what each may read', async () => {
    const secret = await create({
      title: 'Applicant pre-screening',
      department: 'Works council',
      visibility: 'members',
      riskClass: 'high',
      riskAnswers: { employment_decisions: true },
    });
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${secret.id}`, user: other }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/initiatives/${secret.id}/activity`,
          user: other,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${secret.id}`, user: viewer }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${secret.id}`, user: it_ }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${secret.id}`, user: admin }))
        .statusCode,
    ).toBe(200);
    const titles = (u: TestUser) =>
      t
        .inject({ method: 'GET', url: '/api/initiatives', user: u })
        .then((r) => r.json<InitiativeSummary[]>().map((i) => i.title));
    expect(await titles(other)).not.toContain('Applicant pre-screening');
    expect(await titles(it_)).toContain('Applicant pre-screening');
    // Its department is no hint either: only readers see it among the known departments.
    const departments = (u: TestUser) =>
      t.inject({ method: 'GET', url: '/api/departments', user: u }).then((r) => r.json<string[]>());
    expect(await departments(other)).not.toContain('Works council');
    expect(await departments(viewer)).not.toContain('Works council');
    expect(await departments(it_)).toContain('Works council');
    expect(await departments(admin)).toContain('Works council');
    // Nor is it counted in its stage for them.
    const ideaCount = (u: TestUser) =>
      t
        .inject({ method: 'GET', url: '/api/stages', user: u })
        .then((r) => r.json<Stage[]>().find((s) => s.key === 'idea')?.initiativeCount);
    expect((await ideaCount(it_)) ?? 0).toBe(((await ideaCount(other)) ?? 0) + 1);
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${secret.id}`,
      user: other,
      body: { version: secret.version, title: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('a viewer reads but cannot write anything', async () => {
    const i = await create({ title: 'Visible to viewers' });
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}`, user: viewer })).json(),
    ).toMatchObject({ permissions: { edit: false, manage: false, moveStage: false } });
    const attempts = [
      t.inject({
        method: 'POST',
        url: '/api/initiatives',
        user: viewer,
        body: body({ title: 'By a viewer' }),
      }),
      t.inject({
        method: 'PATCH',
        url: `/api/initiatives/${i.id}`,
        user: viewer,
        body: { version: i.version, title: 'Viewer edit' },
      }),
      t.inject({
        method: 'POST',
        url: `/api/initiatives/${i.id}/members`,
        user: viewer,
        body: { userId: other.id },
      }),
      t.inject({
        method: 'POST',
        url: `/api/initiatives/${i.id}/stage`,
        user: viewer,
        body: { version: i.version, stageId: stages[1]?.id },
      }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(403);
    const after = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}`, user: biz })
    ).json<Initiative>();
    expect(after).toMatchObject({
      title: 'Visible to viewers',
      version: 1,
      members: expect.any(Array),
    });
    expect(after.members).toHaveLength(2);
  });

  it('lets only owners and deputies manage; a company member who is not on the team cannot edit', async () => {
    const i = await create({ title: 'Team rules' });
    const notMember = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: other,
      body: { version: i.version, title: 'x' },
    });
    expect(notMember.statusCode).toBe(403);
    const added = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/members`,
      user: biz,
      body: { userId: other.id, role: 'contributor' },
    });
    expect(added.statusCode).toBe(201);
    const edit = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: other,
      body: { version: i.version, problem: 'Sharper problem statement.' },
    });
    expect(edit.statusCode).toBe(200);
    const manage = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: other,
      body: { version: 2, visibility: 'members' },
    });
    expect(manage.statusCode).toBe(403);
    const dup = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/members`,
      user: biz,
      body: { userId: other.id },
    });
    expect(dup.json()).toMatchObject({
      errors: [{ pointer: '/body/userId', code: 'already_member' }],
    });
    const removeOwner = await t.inject({
      method: 'DELETE',
      url: `/api/initiatives/${i.id}/members/${it_.id}`,
      user: biz,
    });
    expect(removeOwner.statusCode).toBe(409);
    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/initiatives/${i.id}/members/${other.id}`,
      user: biz,
    });
    expect(removed.statusCode).toBe(200);
    const actions = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}/activity`, user: biz })
    )
      .json<{ action: string }[]>()
      .map((e) => e.action);
    expect(actions).toEqual([
      'member.removed',
      'initiative.updated',
      'member.added',
      'initiative.created',
    ]);
  });

  it('detects concurrent edits: the second writer gets 409 and nothing is overwritten', async () => {
    const i = await create({ title: 'Concurrent' });
    const first = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: biz,
      body: { version: 1, title: 'First' },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: it_,
      body: { version: 1, title: 'Second' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'version_conflict' });
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}`, user: biz })).json(),
    ).toMatchObject({ title: 'First', version: 2 });
  });

  it('records before and after of each change in the audit trail, with owner names', async () => {
    const i = await create({ title: 'Audited' });
    const newOwner = await t.user({ side: 'it', name: 'Nora New' });
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: biz,
      body: { version: 1, title: 'Audited twice', itOwnerId: newOwner.id },
    });
    const [event] = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}/activity?limit=1`, user: biz })
    ).json<{ action: string; before: unknown; after: unknown }[]>();
    expect(event).toMatchObject({
      action: 'initiative.updated',
      before: { title: 'Audited', itOwner: { id: it_.id, name: 'Ivan IT' } },
      after: { title: 'Audited twice', itOwner: { id: newOwner.id, name: 'Nora New' } },
    });
    const updated = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}`, user: biz })
    ).json<Initiative>();
    // The former IT owner stays on the team as a contributor.
    expect(updated.members.find((m) => m.person.id === it_.id)?.role).toBe('contributor');
    expect(updated.members.find((m) => m.person.id === newOwner.id)?.role).toBe('owner');
  });

  it('moves the stage only with the full checklist of the target stage', async () => {
    const i = await create({ title: 'Staged' });
    const spec = stages.find((s) => s.key === 'specification');
    if (!spec) throw new Error('no specification stage');
    const incomplete = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: biz,
      body: { version: 1, stageId: spec.id, checklist: [spec.checklist[0]?.id] },
    });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json<{ errors: unknown[] }>().errors).toHaveLength(spec.checklist.length - 1);
    const contributor = await t.user({ side: 'business' });
    await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/members`,
      user: biz,
      body: { userId: contributor.id },
    });
    const notOwner = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: contributor,
      body: { version: 1, stageId: spec.id, checklist: spec.checklist.map((c) => c.id) },
    });
    expect(notOwner.statusCode).toBe(403);
    const moved = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: biz,
      body: {
        version: 1,
        stageId: spec.id,
        checklist: spec.checklist.map((c) => c.id),
        note: 'Kick-off done',
      },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stage: { key: 'specification' }, version: 2 });
    const [event] = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}/activity?limit=1`, user: biz })
    ).json<{ action: string; after: unknown }[]>();
    expect(event).toMatchObject({
      action: 'initiative.stage_changed',
      after: { stage: { nameEn: 'Specification' }, note: 'Kick-off done' },
    });
    const stale = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: biz,
      body: { version: 1, stageId: stages[0]?.id },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('filters by department, stage, owner, status, risk class and text', async () => {
    const marketingOwner = await t.user({ side: 'business', name: 'Mia Marketing' });
    const a = await create(
      {
        title: 'Social media assistant',
        department: 'Marketing',
        businessOwner: marketingOwner,
        tags: ['GenAI'],
        riskClass: 'limited',
      },
      marketingOwner,
    );
    const list = async (qs: string) =>
      (await t.inject({ method: 'GET', url: `/api/initiatives?${qs}`, user: admin }))
        .json<InitiativeSummary[]>()
        .map((x) => x.id);
    expect(await list('department=Marketing')).toEqual([a.id]);
    expect(await list(`owner=${marketingOwner.id}`)).toEqual([a.id]);
    expect(await list('q=SOCIAL%20media')).toEqual([a.id]);
    expect(await list('q=genai')).toEqual([a.id]);
    expect(await list('q=100%25')).toEqual([]);
    expect(await list(`stage=${stages[0]?.id ?? ''}&department=Marketing`)).toEqual([a.id]);
    expect(await list(`stage=${stages[1]?.id ?? ''}&department=Marketing`)).toEqual([]);
    expect(await list('riskClass=limited&department=Marketing')).toEqual([a.id]);
    expect(await list('status=paused')).toEqual([]);
    const mine = (
      await t.inject({ method: 'GET', url: '/api/initiatives?mine=true', user: marketingOwner })
    ).json<InitiativeSummary[]>();
    expect(mine.map((x) => x.id)).toEqual([a.id]);
    const bad = await t.inject({
      method: 'GET',
      url: '/api/initiatives?status=sleeping',
      user: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ pointer: '/querystring/status' }] });
    const departments = (
      await t.inject({ method: 'GET', url: '/api/departments', user: biz })
    ).json<string[]>();
    expect(departments).toEqual(expect.arrayContaining(['Marketing', 'Sales']));
  });

  it('the text filter ignores case beyond ASCII (Ü, Ö, É) on both databases', async () => {
    const a = await create({ title: 'Überweisungen prüfen', tags: ['ÖKO'] });
    const b = await create({ title: 'Écran de contrôle' });
    const list = async (q: string) =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/initiatives?${new URLSearchParams({ q }).toString()}`,
          user: admin,
        })
      )
        .json<InitiativeSummary[]>()
        .map((x) => x.id);
    expect(await list('überweisungen')).toEqual([a.id]);
    expect(await list('ÜBERWEISUNGEN PRÜFEN')).toEqual([a.id]);
    expect(await list('öko')).toEqual([a.id]);
    expect(await list('écran')).toEqual([b.id]);
  });

  it('the list reflects every change at once (its cache empties on writes)', async () => {
    const i = await create({ title: 'Cached title' });
    const titles = async (u: TestUser) =>
      (await t.inject({ method: 'GET', url: '/api/initiatives?q=cached', user: u }))
        .json<InitiativeSummary[]>()
        .map((x) => x.title);
    expect(await titles(other)).toEqual(['Cached title']);
    expect(await titles(other)).toEqual(['Cached title']);
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: biz,
      body: { version: 1, title: 'Cached title, renamed' },
    });
    expect(await titles(other)).toEqual(['Cached title, renamed']);
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}`,
      user: biz,
      body: { version: 2, visibility: 'members' },
    });
    expect(await titles(other)).toEqual([]);
    expect(await titles(biz)).toEqual(['Cached title, renamed']);
  });

  it('answers 404 as problem+json for unknown initiatives and routes', async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/initiatives/00000000-0000-4000-8000-000000000000',
      user: biz,
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(
      (await t.inject({ method: 'GET', url: '/api/nothing-here', user: biz })).statusCode,
    ).toBe(404);
  });
});
