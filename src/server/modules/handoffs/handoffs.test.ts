import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Handoff,
  HandoffsAttention,
  HandoffsWaiting,
  HighRiskChecklist,
} from '../../../contracts/handoffs.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import { testDialects } from '../../test-support/dialects.js';
import type { HandoffSpec, InitiativeSpec } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

describe.each(dialects)('handoffs (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser; // business owner
  let bizDeputy: TestUser;
  let itOwner: TestUser;
  let itDeputy: TestUser;
  let itContributor: TestUser;
  let outsider: TestUser; // IT, not on the team
  let admin: TestUser;
  let stages: Stage[];
  const stage = (key: string) => {
    const s = stages.find((x) => x.key === key);
    if (!s) throw new Error(`no stage ${key}`);
    return s;
  };

  const newInitiative = (over: Partial<InitiativeSpec> = {}) =>
    t.given.initiative({
      businessOwner: biz,
      itOwner,
      businessDeputy: bizDeputy,
      itDeputy,
      stage: 'specification',
      members: [itContributor],
      ...over,
    });
  const draftBody = (over: Record<string, unknown> = {}) => ({
    title: 'Specification for the lead generator',
    toStageId: stage('build').id,
    receiverId: itOwner.id,
    receiverDeputyId: itDeputy.id,
    senderDeputyId: bizDeputy.id,
    dueDate: '2026-12-04',
    deliverables: [
      {
        title: 'Lastenheft v1',
        kind: 'specification',
        link: 'https://wiki.example/lastenheft',
      },
    ],
    ...over,
  });
  /** The handoff of most tests: specification → build, from the business owner to IT. */
  const spec = (over: Partial<HandoffSpec> = {}, by = biz): HandoffSpec => ({
    by,
    toStage: 'build',
    receiver: itOwner,
    receiverDeputyId: itDeputy.id,
    senderDeputyId: bizDeputy.id,
    dueDate: '2026-12-04',
    deliverables: [
      { title: 'Lastenheft v1', kind: 'specification', link: 'https://wiki.example/lastenheft' },
    ],
    ...over,
  });
  const create = (initiative: { id: string }, over: Partial<HandoffSpec> = {}, by = biz) =>
    t.given.handoff(initiative, spec(over, by));
  const get = async (id: string, user = biz) =>
    (await t.inject({ method: 'GET', url: `/api/handoffs/${id}`, user })).json<Handoff>();
  const act = (
    h: { id: string; version: number },
    action: string,
    user: TestUser,
    body: Record<string, unknown> = {},
  ) =>
    t.inject({
      method: 'POST',
      url: `/api/handoffs/${h.id}/${action}`,
      user,
      body: { version: h.version, ...body },
    });
  const checkAll = async (h: Handoff, user = biz) => {
    const res = await t.inject({
      method: 'PATCH',
      url: `/api/handoffs/${h.id}`,
      user,
      body: { version: h.version, checked: h.checklist.map((c) => c.id) },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json<Handoff>();
  };
  const submitted = (initiative: { id: string }, over: Partial<HandoffSpec> = {}) =>
    t.given.submittedHandoff(initiative, spec(over));
  const initiativeOf = async (id: string) =>
    (
      await t.inject({ method: 'GET', url: `/api/initiatives/${id}`, user: biz })
    ).json<Initiative>();

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-27T09:00:00Z'));
    biz = await t.user({ side: 'business', name: 'Bea' });
    bizDeputy = await t.user({ side: 'business', name: 'Ben' });
    itOwner = await t.user({ side: 'it', name: 'Ian' });
    itDeputy = await t.user({ side: 'it', name: 'Ida' });
    itContributor = await t.user({ side: 'it', name: 'Carl' });
    outsider = await t.user({ side: 'it', name: 'Otto' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Ada' });
    stages = (await t.inject({ method: 'GET', url: '/api/stages', user: biz })).json<Stage[]>();
  });
  afterAll(async () => t?.close());

  it('runs the whole exchange: submit, question, answer, return, resubmit, accept — and the initiative enters the target stage', async () => {
    const i = await newInitiative();
    const draft = await create(i);
    expect(draft).toMatchObject({
      state: 'draft',
      round: 0,
      fromStage: { key: 'specification' },
      toStage: { key: 'build' },
      sender: { id: biz.id, side: 'business' },
      receiver: { id: itOwner.id, side: 'it' },
      receiverSide: 'it',
      myRole: 'sender',
      // Unchecked mandatory items: submitting is not offered, and the answer says why.
      actions: ['edit', 'withdraw'],
      blockedActions: [{ action: 'submit', code: 'checklist_incomplete' }],
    });
    expect(draft.checklist.map((c) => [c.id, c.source, c.checked])).toEqual([
      ['acceptance_criteria', 'stage', false],
      ['data_sources', 'stage', false],
      ['data_protection', 'stage', false],
    ]);

    // Unchecked mandatory items: refused, nothing changed.
    const early = await act(draft, 'submit', biz);
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      code: 'checklist_incomplete',
      errors: [{ pointer: '/body/checklist' }],
    });
    expect(await get(draft.id)).toMatchObject({ state: 'draft', version: draft.version });

    const ready = await checkAll(draft);
    t.setClock(new Date('2026-11-27T10:00:00Z'));
    const sent = (await act(ready, 'submit', biz)).json<Handoff>();
    expect(sent).toMatchObject({ state: 'submitted', round: 1, actions: ['withdraw', 'ask'] });
    expect(sent.timings).toMatchObject({
      submittedAt: '2026-11-27T10:00:00.000Z',
      firstResponseAt: null,
      returns: 0,
    });
    expect((await get(sent.id, itOwner)).actions).toEqual(['accept', 'return', 'ask']);

    // IT asks; the open question blocks acceptance.
    t.setClock(new Date('2026-11-27T14:00:00Z'));
    const asked = (
      await act(sent, 'questions', itOwner, { text: 'Which CRM fields are the data source?' })
    ).json<Handoff>();
    expect(asked.questions).toMatchObject([
      { askedByParty: 'receiver', state: 'open', askedBy: { id: itOwner.id } },
    ]);
    expect(asked.timings).toMatchObject({
      firstResponseAt: '2026-11-27T14:00:00.000Z',
      openQuestions: 1,
    });
    // Accepting is not offered while the question is open; the reason comes with it.
    expect(asked).toMatchObject({
      actions: ['return', 'ask'],
      blockedActions: [{ action: 'accept', code: 'open_questions' }],
    });
    const blocked = await act(asked, 'accept', itOwner);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'open_questions' });
    const question = asked.questions[0];
    if (!question) throw new Error('no question');
    const ownSide = await act(asked, `questions/${question.id}/answer`, itDeputy, { text: 'x' });
    expect(ownSide.statusCode).toBe(403);
    t.setClock(new Date('2026-11-28T09:00:00Z'));
    const answered = (
      await act(asked, `questions/${question.id}/answer`, biz, {
        text: 'Lead source, stage and close date.',
      })
    ).json<Handoff>();
    expect(answered.questions[0]).toMatchObject({
      state: 'answered',
      answer: 'Lead source, stage and close date.',
      answeredBy: { id: biz.id },
    });
    expect(answered.timings.openQuestions).toBe(0);

    // Returning needs a reason; the failed items are unchecked for the sender.
    const noReason = await act(answered, 'return', itOwner, { reason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({
      code: 'reason_required',
      errors: [{ pointer: '/body/reason' }],
    });
    const returned = (
      await act(answered, 'return', itOwner, {
        reason: 'The data-protection check is not attached.',
        failedItems: ['data_protection'],
      })
    ).json<Handoff>();
    expect(returned).toMatchObject({ state: 'returned', timings: { returns: 1 } });
    expect(returned.checklist.find((c) => c.id === 'data_protection')?.checked).toBe(false);
    expect(returned.events.at(-1)).toMatchObject({
      type: 'returned',
      reason: 'The data-protection check is not attached.',
      failedItems: ['data_protection'],
      actor: { id: itOwner.id },
    });
    expect((await act(returned, 'submit', biz)).json()).toMatchObject({
      code: 'checklist_incomplete',
    });

    // The sender's deputy fixes and resubmits; the receiver's deputy accepts.
    const fixed = await checkAll(returned, bizDeputy);
    t.setClock(new Date('2026-11-30T09:00:00Z'));
    const again = (await act(fixed, 'submit', bizDeputy)).json<Handoff>();
    expect(again).toMatchObject({ state: 'submitted', round: 2 });
    t.setClock(new Date('2026-12-01T10:00:00Z'));
    const accepted = (await act(again, 'accept', itDeputy)).json<Handoff>();
    expect(accepted).toMatchObject({ state: 'accepted', actions: [] });
    expect(accepted.timings).toEqual({
      submittedAt: '2026-11-27T10:00:00.000Z',
      firstResponseAt: '2026-11-27T14:00:00.000Z',
      acceptedAt: '2026-12-01T10:00:00.000Z',
      leadTimeMs: 4 * 86_400_000,
      returns: 1,
      openQuestions: 0,
      oldestOpenQuestionMs: null,
      overdue: false,
      overdueDays: 0,
    });
    expect(accepted.events.map((e) => [e.type, e.round])).toEqual([
      ['submitted', 1],
      ['returned', 1],
      ['submitted', 2],
      ['accepted', 2],
    ]);
    const after = await initiativeOf(i.id);
    expect(after.stage.key).toBe('build');
    const transitions = await t.db.kysely
      .selectFrom('stage_transitions')
      .select(['to_stage_id', 'actor_id', 'note'])
      .where('initiative_id', '=', i.id)
      .orderBy('occurred_at')
      .execute();
    expect(transitions.at(-1)).toMatchObject({
      to_stage_id: stage('build').id,
      actor_id: itDeputy.id,
    });
    const actions = (await t.activity(i, biz, 20)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'handoff.created',
        'handoff.submitted',
        'handoff.question_asked',
        'handoff.question_answered',
        'handoff.returned',
        'handoff.resubmitted',
        'handoff.accepted',
        'initiative.stage_changed',
      ]),
    );
    t.setClock(new Date('2026-11-27T09:00:00Z'));
  });

  it('lets only the receiver side accept or return, only the sender side submit; admins and other members watch', async () => {
    const i = await newInitiative();
    const h = await submitted(i);
    for (const user of [biz, bizDeputy, itContributor, admin]) {
      const accept = await act(h, 'accept', user);
      expect(accept.statusCode).toBe(403);
      expect(accept.json()).toMatchObject({ code: 'not_your_part' });
      expect((await act(h, 'return', user, { reason: 'No' })).statusCode).toBe(403);
    }
    expect((await get(h.id, itContributor)).actions).toEqual([]);
    expect((await get(h.id, admin)).myRole).toBe('admin');
    const draft = await checkAll(await create(i));
    for (const user of [itOwner, itDeputy, itContributor, admin])
      expect((await act(draft, 'submit', user)).statusCode).toBe(403);
    expect((await get(h.id)).state).toBe('submitted');
    expect((await get(draft.id)).state).toBe('draft');
  });

  it('refuses receivers from the wrong side or outside the initiative, and other bad input', async () => {
    const i = await newInitiative();
    const post = (over: Record<string, unknown>) =>
      t.inject({
        method: 'POST',
        url: `/api/initiatives/${i.id}/handoffs`,
        user: biz,
        body: draftBody(over),
      });
    const errorsOf = async (over: Record<string, unknown>) => {
      const res = await post(over);
      return [
        res.statusCode,
        res
          .json<{ errors?: { pointer: string; code?: string }[] }>()
          .errors?.map((e) => `${e.pointer}:${e.code ?? ''}`),
      ];
    };
    expect(
      await errorsOf({ receiverId: bizDeputy.id, receiverDeputyId: null, senderDeputyId: null }),
    ).toEqual([422, ['/body/receiverId:wrong_side']]);
    expect(await errorsOf({ receiverId: outsider.id })).toEqual([
      422,
      ['/body/receiverId:not_member'],
    ]);
    expect(await errorsOf({ receiverDeputyId: itOwner.id })).toEqual([
      422,
      ['/body/receiverDeputyId:same_person'],
    ]);
    expect(await errorsOf({ toStageId: stage('specification').id })).toEqual([
      422,
      ['/body/toStageId:same_stage'],
    ]);
    expect(await errorsOf({ toStageId: 'nope' })).toEqual([422, ['/body/toStageId:unknown_stage']]);
    expect(await errorsOf({ dueDate: '2026-11-26' })).toEqual([422, ['/body/dueDate:in_the_past']]);
    expect(await errorsOf({ checked: ['not_an_item'] })).toEqual([
      422,
      ['/body/checked:unknown_item'],
    ]);
    const [status, errors] = await errorsOf({
      title: ' ',
      dueDate: '04.12.2026',
      deliverables: [{ title: 'x', kind: 'poem', link: 'javascript:alert(1)' }],
    });
    expect(status).toBe(400);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/body\/title:/),
        expect.stringMatching(/^\/body\/dueDate:/),
        expect.stringMatching(/^\/body\/deliverables\/0\/kind:/),
        expect.stringMatching(/^\/body\/deliverables\/0\/link:/),
      ]),
    );
    // A handoff within the stage goes to the other side.
    const within = await create(i, {
      toStage: null,
      receiver: itContributor,
      receiverDeputyId: null,
    });
    expect(within).toMatchObject({ toStage: null, receiverSide: 'it', checklist: [] });
    // Nothing to hand over: refused.
    const empty = await create(i, { deliverables: [] });
    const refused = await act(await checkAll(empty), 'submit', biz);
    expect(refused.json()).toMatchObject({ code: 'no_deliverables' });
    const count = await t.db.kysely
      .selectFrom('handoffs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('initiative_id', '=', i.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('answers 409 to anyone acting on a handoff that changed meanwhile; nothing changes', async () => {
    const i = await newInitiative();
    const h = await submitted(i);
    const asked = await act(h, 'questions', itOwner, { text: 'Is the CRM export daily?' });
    expect(asked.statusCode).toBe(200);
    const stale = await act(h, 'accept', itDeputy); // read before the question was asked
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    const now = await get(h.id);
    expect(now).toMatchObject({ state: 'submitted', version: h.version + 1 });
    const edit = await t.inject({
      method: 'PATCH',
      url: `/api/handoffs/${h.id}`,
      user: biz,
      body: { version: now.version, title: 'Changed after submission' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'invalid_transition' });
  });

  it('withdrawn questions no longer block; only the asking side withdraws them', async () => {
    const i = await newInitiative();
    const h = await submitted(i);
    const asked = (
      await act(h, 'questions', biz, { text: 'Shall we walk you through it?' })
    ).json<Handoff>();
    const q = asked.questions[0];
    if (!q) throw new Error('no question');
    expect(q).toMatchObject({ askedByParty: 'sender', canAnswer: false, canWithdraw: true });
    expect((await get(h.id, itOwner)).questions[0]).toMatchObject({
      canAnswer: true,
      canWithdraw: false,
    });
    expect((await act(asked, `questions/${q.id}/withdraw`, itOwner)).statusCode).toBe(403);
    const withdrawn = (await act(asked, `questions/${q.id}/withdraw`, bizDeputy)).json<Handoff>();
    expect(withdrawn.questions[0]?.state).toBe('withdrawn');
    expect((await act(withdrawn, 'accept', itOwner)).statusCode).toBe(200);
  });

  it('puts the stage in the hands of the handoffs: owners get 409, admins move it with a recorded reason', async () => {
    const i = await newInitiative();
    const direct = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: biz,
      body: {
        version: i.version,
        stageId: stage('build').id,
        checklist: stage('build').checklist.map((c) => c.id),
      },
    });
    expect(direct.statusCode).toBe(200); // no handoff yet: the owners still move it
    const back = direct.json<Initiative>();
    await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: biz,
      body: {
        version: back.version,
        stageId: stage('specification').id,
        checklist: stage('specification').checklist.map((c) => c.id),
      },
    });
    await submitted(i);
    const current = await initiativeOf(i.id);
    const move = {
      version: current.version,
      stageId: stage('build').id,
      checklist: stage('build').checklist.map((c) => c.id),
    };
    const owner = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: biz,
      body: move,
    });
    expect(owner.statusCode).toBe(409);
    expect(owner.json()).toMatchObject({ code: 'stage_by_handoff' });
    const noNote = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: admin,
      body: move,
    });
    expect(noNote.json()).toMatchObject({ errors: [{ pointer: '/body/note' }] });
    const overridden = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/stage`,
      user: admin,
      body: { ...move, note: 'Steering committee decision' },
    });
    expect(overridden.json()).toMatchObject({ stage: { key: 'build' } });
    const [event] = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}/activity?limit=1`, user: biz })
    ).json<{ action: string; after: unknown }[]>();
    expect(event).toMatchObject({
      action: 'initiative.stage_changed',
      after: { override: true, note: 'Steering committee decision' },
    });
  });

  it('gives high-risk initiatives the extra checklist items admins define', async () => {
    const defaults = (
      await t.inject({ method: 'GET', url: '/api/settings/high-risk-checklist', user: biz })
    ).json<HighRiskChecklist>();
    expect(defaults.items.length).toBeGreaterThan(0);
    const items = [
      { labelEn: 'Human oversight defined', labelDe: 'Menschliche Aufsicht festgelegt' },
      { labelEn: 'Conformity assessment planned', labelDe: 'Konformitätsbewertung geplant' },
    ];
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: '/api/settings/high-risk-checklist',
          user: biz,
          body: { items },
        })
      ).statusCode,
    ).toBe(403);
    const saved = await t.inject({
      method: 'PUT',
      url: '/api/settings/high-risk-checklist',
      user: admin,
      body: { items },
    });
    expect(saved.json<HighRiskChecklist>().items.map((x) => x.id)).toEqual([
      'human_oversight_defined',
      'conformity_assessment_planned',
    ]);
    const risky = await newInitiative({
      title: 'Applicant screening',
      riskClass: 'high',
    });
    const h = await create(risky);
    expect(h.checklist.map((c) => [c.id, c.source])).toEqual([
      ['acceptance_criteria', 'stage'],
      ['data_sources', 'stage'],
      ['data_protection', 'stage'],
      ['high_risk.human_oversight_defined', 'high_risk'],
      ['high_risk.conformity_assessment_planned', 'high_risk'],
    ]);
    const partly = await t.inject({
      method: 'PATCH',
      url: `/api/handoffs/${h.id}`,
      user: biz,
      body: {
        version: h.version,
        checked: h.checklist.filter((c) => c.source === 'stage').map((c) => c.id),
      },
    });
    const refused = await act(partly.json<Handoff>(), 'submit', biz);
    expect(refused.json()).toMatchObject({ code: 'checklist_incomplete' });
  });

  it('lists what waits for whom, and overdue and reworked handoffs across the portfolio', async () => {
    const i = await newInitiative({ title: 'Waiting room' });
    const toReceive = await submitted(i, { title: 'To receive', dueDate: '2026-11-30' });
    const withQuestion = await submitted(i, { title: 'With question', dueDate: '2026-12-11' });
    await act(withQuestion, 'questions', itOwner, { text: 'Who signs off?' });
    let reworked = await submitted(i, { title: 'Reworked', dueDate: '2026-12-10' });
    for (let n = 0; n < 2; n += 1) {
      reworked = (
        await act(reworked, 'return', itOwner, { reason: `Round ${n + 1}` })
      ).json<Handoff>();
      reworked = (await act(reworked, 'submit', biz)).json<Handoff>();
    }
    const mine = async (user: TestUser) => {
      const w = (
        await t.inject({ method: 'GET', url: '/api/handoffs/mine', user })
      ).json<HandoffsWaiting>();
      const titles = (list: { title: string; initiative: { id: string } }[]) =>
        list.filter((h) => h.initiative.id === i.id).map((h) => h.title);
      return {
        toReceive: titles(w.toReceive),
        toAnswer: titles(w.toAnswer),
        toResubmit: titles(w.toResubmit),
      };
    };
    expect(await mine(itDeputy)).toEqual({
      toReceive: ['To receive', 'Reworked', 'With question'],
      toAnswer: [],
      toResubmit: [],
    });
    expect(await mine(biz)).toEqual({ toReceive: [], toAnswer: ['With question'], toResubmit: [] });
    reworked = (await act(reworked, 'return', itOwner, { reason: 'Round 3' })).json<Handoff>();
    expect((await mine(bizDeputy)).toResubmit).toEqual(['Reworked']);
    expect(await mine(itContributor)).toEqual({ toReceive: [], toAnswer: [], toResubmit: [] });

    t.setClock(new Date('2026-12-02T09:00:00Z'));
    const late = await get(toReceive.id);
    expect(late.timings).toMatchObject({ overdue: true, overdueDays: 2 });
    const attention = (
      await t.inject({ method: 'GET', url: '/api/handoffs/attention', user: outsider })
    ).json<HandoffsAttention>();
    const ours = (list: { id: string }[]) =>
      list
        .map((h) => h.id)
        .filter((id) => [toReceive.id, withQuestion.id, reworked.id].includes(id));
    expect(ours(attention.overdue)).toEqual([toReceive.id]);
    expect(ours(attention.reworked)).toEqual([reworked.id]);
    expect(attention.reworked.find((h) => h.id === reworked.id)?.timings.returns).toBe(3);
    t.setClock(new Date('2026-11-27T09:00:00Z'));
  });

  it('requires sign-in, keeps members-only handoffs from others, and viewers from acting', async () => {
    const i = await newInitiative({ title: 'Secret', visibility: 'members' });
    const h = await submitted(i);
    expect((await t.inject({ method: 'GET', url: `/api/handoffs/${h.id}` })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/handoffs/mine' })).statusCode).toBe(401);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/handoffs/${h.id}/accept`,
          body: { version: 1 },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await t.inject({ method: 'GET', url: `/api/handoffs/${h.id}`, user: outsider })).statusCode,
    ).toBe(404);
    expect((await act(h, 'accept', outsider)).statusCode).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}/handoffs`, user: outsider }))
        .statusCode,
    ).toBe(404);
    const attention = (
      await t.inject({ method: 'GET', url: '/api/handoffs/attention', user: outsider })
    ).json<HandoffsAttention>();
    expect([...attention.overdue, ...attention.reworked].some((x) => x.id === h.id)).toBe(false);
    const create404 = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${i.id}/handoffs`,
      user: outsider,
      body: draftBody(),
    });
    expect(create404.statusCode).toBe(404);
    const viewer = await t.user({ side: 'it', role: 'viewer' });
    const open = await newInitiative({ title: 'Open to all' });
    const h2 = await submitted(open);
    expect((await get(h2.id, viewer)).actions).toEqual([]);
    expect((await act(h2, 'accept', viewer)).statusCode).toBe(403);
    // A company member not on the team cannot start a handoff.
    const res = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${open.id}/handoffs`,
      user: outsider,
      body: draftBody(),
    });
    expect(res.statusCode).toBe(403);
    expect((await get(h2.id)).state).toBe('submitted');
  });

  it('lists an initiative’s handoffs as a chain in the order they were started', async () => {
    const i = await newInitiative({ title: 'Chain' });
    const first = await submitted(i, { title: 'Spec to build' });
    await act(first, 'accept', itOwner);
    t.setClock(new Date('2026-11-27T10:00:00Z'));
    const second = await create(
      i,
      {
        title: 'Build to integration',
        toStage: 'integration',
        receiver: itContributor,
        receiverDeputyId: null,
        senderDeputyId: null,
      },
      itOwner,
    );
    expect(second).toMatchObject({ fromStage: { key: 'build' }, sender: { id: itOwner.id } });
    const chain = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${i.id}/handoffs`, user: biz })
    ).json<Handoff[]>();
    expect(chain.map((h) => [h.title, h.state])).toEqual([
      ['Spec to build', 'accepted'],
      ['Build to integration', 'draft'],
    ]);
    t.setClock(new Date('2026-11-27T09:00:00Z'));
  });

  it('a receiver taken off the team, or made an observer, can no longer act on the handoff', async () => {
    const i = await newInitiative();
    const h = await submitted(i, { receiver: itContributor, receiverDeputyId: null });
    const demoted = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}/members/${itContributor.id}`,
      user: biz,
      body: { role: 'observer' },
    });
    expect(demoted.statusCode).toBe(200);
    const accept = await act(h, 'accept', itContributor);
    expect(accept.statusCode).toBe(403);
    expect((await get(h.id)).state).toBe('submitted');
    expect((await initiativeOf(i.id)).stage.key).toBe('specification');
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${i.id}/members/${itContributor.id}`,
      user: biz,
      body: { role: 'contributor' },
    });
    expect((await act(await get(h.id), 'accept', itContributor)).statusCode).toBe(200);
  });
});
