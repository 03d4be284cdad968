import type {
  AddMemberBody,
  CreateInitiativeBody,
  Initiative,
  ListInitiativesQuery,
  MoveStageBody,
  UpdateInitiativeBody,
} from '../../../contracts/initiatives.js';
import type { ChecklistItem } from '../../../contracts/stages.js';
import { canCreateInitiative, canEdit, canManage } from '../../../domain/access.js';
import { isBelowSuggestion, RISK_QUESTIONS, type RiskClass } from '../../../domain/risk.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import {
  AppError,
  conflict,
  type FieldError,
  forbidden,
  invalidField,
  invalidFields,
  notFound,
  versionConflict,
} from '../../http/problems.js';
import { appendAudit, listAudit } from '../audit/audit.service.js';
import { findPeople } from '../people/people.service.js';
import { presentInitiative, presentSummary } from './initiatives.presenter.js';
import { changeStage } from './stage-change.service.js';
import { loadReadable, readableInitiativeIds } from './visibility.service.js';
import {
  distinctDepartments,
  findInitiativeRow,
  findInitiatives,
  findMemberRole,
  findMembers,
  type InitiativeRow,
} from './initiatives.repository.js';
import type { Side } from '../../../domain/sides.js';

type Roles = {
  businessOwnerId: string;
  itOwnerId: string;
  businessDeputyId: string | null;
  itDeputyId: string | null;
};

const KNOWN_QUESTIONS = new Set(RISK_QUESTIONS.map((q) => q.id));

/** Owners and deputies: the right side, active, allowed to write, and distinct. */
async function validateRoles(db: DbOrTrx, roles: Roles): Promise<void> {
  const errors: FieldError[] = [];
  const ids = [
    roles.businessOwnerId,
    roles.itOwnerId,
    roles.businessDeputyId,
    roles.itDeputyId,
  ].filter((x): x is string => x !== null);
  const people = new Map((await findPeople(db, ids)).map((p) => [p.id, p]));
  const check = (field: keyof Roles, id: string | null, side: Side) => {
    if (id === null) return;
    const p = people.get(id);
    const sideName = side === 'business' ? 'the business side' : 'IT';
    if (!p)
      errors.push({
        pointer: `/body/${field}`,
        message: 'is not a known person',
        code: 'unknown_person',
      });
    else if (p.disabled_at)
      errors.push({
        pointer: `/body/${field}`,
        message: `${p.name} is disabled`,
        code: 'disabled',
      });
    else if (p.role === 'viewer')
      errors.push({
        pointer: `/body/${field}`,
        message: `${p.name} is a viewer and cannot own or deputise`,
        code: 'viewer',
      });
    else if (p.side !== side)
      errors.push({
        pointer: `/body/${field}`,
        message: `must be a person from ${sideName}; ${p.name} is not`,
        code: 'wrong_side',
      });
  };
  check('businessOwnerId', roles.businessOwnerId, 'business');
  check('itOwnerId', roles.itOwnerId, 'it');
  check('businessDeputyId', roles.businessDeputyId, 'business');
  check('itDeputyId', roles.itDeputyId, 'it');
  if (roles.businessOwnerId === roles.itOwnerId) {
    errors.push({
      pointer: '/body/itOwnerId',
      message: 'must be a different person from the business owner',
      code: 'same_person',
    });
  }
  if (roles.businessDeputyId !== null && roles.businessDeputyId === roles.businessOwnerId) {
    errors.push({
      pointer: '/body/businessDeputyId',
      message: 'must be a different person from the business owner',
      code: 'same_person',
    });
  }
  if (roles.itDeputyId !== null && roles.itDeputyId === roles.itOwnerId) {
    errors.push({
      pointer: '/body/itDeputyId',
      message: 'must be a different person from the IT owner',
      code: 'same_person',
    });
  }
  if (errors.length) throw invalidFields(errors);
}

function validateRisk(
  riskClass: RiskClass,
  answers: Record<string, boolean>,
  justification: string | null,
): void {
  const unknown = Object.keys(answers).filter((k) => !KNOWN_QUESTIONS.has(k));
  if (unknown.length) {
    throw invalidFields(
      unknown.map((k) => ({
        pointer: `/body/riskAnswers/${k}`,
        message: 'is not a question of the questionnaire',
        code: 'unknown_question',
      })),
    );
  }
  if (isBelowSuggestion(riskClass, answers) && !justification) {
    throw invalidField(
      'riskJustification',
      'explain why the class is milder than the questionnaire suggests',
      'required',
    );
  }
}

/** Keeps owner/deputy memberships in line with the initiative's roles. */
async function syncRoleMemberships(
  trx: DbOrTrx,
  initiativeId: string,
  roles: Roles,
  at: string,
): Promise<void> {
  const wanted = new Map<string, 'owner' | 'deputy'>([
    [roles.businessOwnerId, 'owner'],
    [roles.itOwnerId, 'owner'],
  ]);
  if (roles.businessDeputyId) wanted.set(roles.businessDeputyId, 'deputy');
  if (roles.itDeputyId) wanted.set(roles.itDeputyId, 'deputy');
  const current = await trx
    .selectFrom('initiative_members')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .execute();
  for (const m of current) {
    if ((m.role === 'owner' || m.role === 'deputy') && !wanted.has(m.user_id)) {
      // A former owner or deputy stays on the team as a contributor.
      await trx
        .updateTable('initiative_members')
        .set({ role: 'contributor' })
        .where('initiative_id', '=', initiativeId)
        .where('user_id', '=', m.user_id)
        .execute();
    }
  }
  for (const [userId, role] of wanted) {
    await trx
      .insertInto('initiative_members')
      .values({ initiative_id: initiativeId, user_id: userId, role, added_at: at })
      .onConflict((oc) => oc.columns(['initiative_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }
}

/** What the trail records of an initiative: readable values, names beside ids. */
function auditView(r: InitiativeRow, names: Map<string, string>) {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? id } : null);
  return {
    title: r.title,
    problem: r.problem,
    expectedBenefit: r.expected_benefit,
    department: r.department,
    businessOwner: person(r.business_owner_id),
    itOwner: person(r.it_owner_id),
    businessDeputy: person(r.business_deputy_id),
    itDeputy: person(r.it_deputy_id),
    stage: { id: r.stage_id, nameEn: r.stage_name_en, nameDe: r.stage_name_de },
    status: r.status,
    visibility: r.visibility,
    riskClass: r.risk_class,
    riskAnswers: JSON.parse(r.risk_answers) as unknown,
    riskJustification: r.risk_justification,
    tags: JSON.parse(r.tags) as unknown,
  };
}

/** Only the fields that changed, for the audit trail. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

async function nameMap(db: DbOrTrx, r: InitiativeRow) {
  const ids = [r.business_owner_id, r.it_owner_id, r.business_deputy_id, r.it_deputy_id].filter(
    (x): x is string => x !== null,
  );
  return new Map((await findPeople(db, ids)).map((p) => [p.id, p.name]));
}

/** True once a handoff of the initiative was submitted: from then on handoffs move the stage. */
const stageByHandoffs = async (db: DbOrTrx, initiativeId: string): Promise<boolean> =>
  (await db
    .selectFrom('handoffs')
    .select('id')
    .where('initiative_id', '=', initiativeId)
    .where('submitted_at', 'is not', null)
    .executeTakeFirst()) !== undefined;

async function present(db: DbOrTrx, actor: Actor, row: InitiativeRow): Promise<Initiative> {
  const members = await findMembers(db, row.id);
  const memberRole = members.find((m) => m.user_id === actor.id)?.role;
  const facts = { visibility: row.visibility, memberRole };
  const manage = canManage(actor, facts);
  return presentInitiative(row, members, {
    edit: canEdit(actor, facts),
    manage,
    moveStage: manage && (actor.role === 'admin' || !(await stageByHandoffs(db, row.id))),
  });
}

export async function listInitiatives(ctx: AppContext, actor: Actor, query: ListInitiativesQuery) {
  const rows = await findInitiatives(ctx.db.kysely, {
    readable: readableInitiativeIds(ctx.db.kysely, actor),
    department: query.department,
    stageId: query.stage,
    ownerId: query.owner,
    status: query.status,
    riskClass: query.riskClass,
    text: query.q,
    memberId: query.mine === 'true' ? actor.id : undefined,
  });
  return rows.map(presentSummary);
}

/** Departments for filters and suggestions: of initiatives the actor may read, and of people. */
export const listDepartments = (ctx: AppContext, actor: Actor): Promise<string[]> =>
  distinctDepartments(ctx.db.kysely, readableInitiativeIds(ctx.db.kysely, actor));

export async function getInitiative(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<Initiative> {
  const { row } = await loadReadable(ctx.db.kysely, actor, id);
  return present(ctx.db.kysely, actor, row);
}

export async function createInitiative(
  ctx: AppContext,
  actor: Actor,
  input: CreateInitiativeBody,
): Promise<Initiative> {
  if (!canCreateInitiative(actor)) throw forbidden('Viewers cannot create initiatives');
  const now = ctx.now();
  const at = now.toISOString();
  const roles: Roles = {
    businessOwnerId: input.businessOwnerId,
    itOwnerId: input.itOwnerId,
    businessDeputyId: input.businessDeputyId ?? null,
    itDeputyId: input.itDeputyId ?? null,
  };
  const answers = input.riskAnswers ?? {};
  const justification = input.riskJustification ?? null;
  validateRisk(input.riskClass, answers, justification);
  const id = newId();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await validateRoles(trx, roles);
    const stages = trx.selectFrom('stages').select(['id', 'name_en', 'name_de']);
    const stage = input.stageId
      ? await stages.where('id', '=', input.stageId).executeTakeFirst()
      : await stages.orderBy('position').executeTakeFirst();
    if (!stage) throw invalidField('stageId', 'is not a known stage', 'unknown_stage');
    await trx
      .insertInto('initiatives')
      .values({
        id,
        title: input.title,
        problem: input.problem,
        expected_benefit: input.expectedBenefit,
        department: input.department,
        business_owner_id: roles.businessOwnerId,
        it_owner_id: roles.itOwnerId,
        business_deputy_id: roles.businessDeputyId,
        it_deputy_id: roles.itDeputyId,
        stage_id: stage.id,
        status: 'active',
        visibility: input.visibility ?? 'company',
        risk_class: input.riskClass,
        risk_answers: JSON.stringify(answers),
        risk_justification: justification,
        tags: JSON.stringify([...new Set(input.tags ?? [])]),
        version: 1,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await syncRoleMemberships(trx, id, roles, at);
    if (!Object.values(roles).includes(actor.id) && actor.role !== 'admin') {
      // The person who registers a use case stays on its team.
      await trx
        .insertInto('initiative_members')
        .values({ initiative_id: id, user_id: actor.id, role: 'contributor', added_at: at })
        .execute();
    }
    await changeStage(trx, {
      initiativeId: id,
      from: null,
      to: { id: stage.id, nameEn: stage.name_en, nameDe: stage.name_de },
      actorId: actor.id,
      confirmed: [],
      checklist: [],
      note: null,
      trail: {},
      conflict: () => versionConflict('initiative'),
      at: now,
    });
    const row = await findInitiativeRow(trx, id);
    if (!row) throw new Error('initiative vanished inside its own transaction');
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'initiative',
      entityId: id,
      initiativeId: id,
      action: 'initiative.created',
      after: auditView(row, await nameMap(trx, row)),
      at: now,
    });
    return present(trx, actor, row);
  });
}

const MANAGE_FIELDS = [
  'businessOwnerId',
  'itOwnerId',
  'businessDeputyId',
  'itDeputyId',
  'status',
  'visibility',
] as const;

export async function updateInitiative(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: UpdateInitiativeBody,
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: before, facts } = await loadReadable(trx, actor, id);
    if (!canEdit(actor, facts))
      throw forbidden('Only owners, deputies and contributors of this initiative may change it');
    if (MANAGE_FIELDS.some((f) => patch[f] !== undefined) && !canManage(actor, facts)) {
      throw forbidden('Only the owners and deputies may change owners, status or visibility');
    }
    if (patch.version !== before.version) {
      throw versionConflict('initiative');
    }
    const roles: Roles = {
      businessOwnerId: patch.businessOwnerId ?? before.business_owner_id,
      itOwnerId: patch.itOwnerId ?? before.it_owner_id,
      businessDeputyId:
        patch.businessDeputyId !== undefined ? patch.businessDeputyId : before.business_deputy_id,
      itDeputyId: patch.itDeputyId !== undefined ? patch.itDeputyId : before.it_deputy_id,
    };
    await validateRoles(trx, roles);
    const riskClass = patch.riskClass ?? before.risk_class;
    const answers =
      patch.riskAnswers ?? (JSON.parse(before.risk_answers) as Record<string, boolean>);
    const justification =
      patch.riskJustification !== undefined ? patch.riskJustification : before.risk_justification;
    validateRisk(riskClass, answers, justification);
    const at = now.toISOString();
    const result = await trx
      .updateTable('initiatives')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.problem !== undefined ? { problem: patch.problem } : {}),
        ...(patch.expectedBenefit !== undefined ? { expected_benefit: patch.expectedBenefit } : {}),
        ...(patch.department !== undefined ? { department: patch.department } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.visibility !== undefined ? { visibility: patch.visibility } : {}),
        ...(patch.tags !== undefined ? { tags: JSON.stringify(patch.tags) } : {}),
        business_owner_id: roles.businessOwnerId,
        it_owner_id: roles.itOwnerId,
        business_deputy_id: roles.businessDeputyId,
        it_deputy_id: roles.itDeputyId,
        risk_class: riskClass,
        risk_answers: JSON.stringify(answers),
        risk_justification: justification,
        version: before.version + 1,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw versionConflict('initiative');
    }
    await syncRoleMemberships(trx, id, roles, at);
    const after = await findInitiativeRow(trx, id);
    if (!after) throw new Error('initiative vanished inside its own transaction');
    const names = new Map([...(await nameMap(trx, before)), ...(await nameMap(trx, after))]);
    const changes = diff(auditView(before, names), auditView(after, names));
    if (Object.keys(changes.after).length) {
      await appendAudit(trx, {
        actorId: actor.id,
        entityType: 'initiative',
        entityId: id,
        initiativeId: id,
        action: 'initiative.updated',
        ...changes,
        at: now,
      });
    }
    return present(trx, actor, after);
  });
}

/**
 * Moves the initiative to another stage directly. The mover confirms every checklist item the
 * target stage requires. Once a handoff of the initiative has been submitted, its stage changes
 * only by accepted handoffs: owners get 409 `stage_by_handoff`, and an admin may still move it,
 * with a note saying why (recorded as an override).
 */
export async function moveStage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: MoveStageBody,
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: before, facts } = await loadReadable(trx, actor, id);
    if (!canManage(actor, facts))
      throw forbidden('Only the owners and deputies may move the stage');
    const byHandoffs = await stageByHandoffs(trx, id);
    if (byHandoffs && actor.role !== 'admin')
      throw conflict(
        'This initiative moves through its handoffs now: the stage changes when the receiver accepts a handoff. Start a handoff to the next stage, or ask an administrator.',
        'stage_by_handoff',
      );
    if (byHandoffs && !body.note)
      throw invalidField(
        'note',
        'say why the stage is changed outside the handoffs (recorded)',
        'required',
      );
    if (body.version !== before.version) {
      throw versionConflict('initiative');
    }
    const target = await trx
      .selectFrom('stages')
      .selectAll()
      .where('id', '=', body.stageId)
      .executeTakeFirst();
    if (!target) throw invalidField('stageId', 'is not a known stage', 'unknown_stage');
    if (target.id === before.stage_id)
      throw invalidField('stageId', 'is already the current stage', 'same_stage');
    const required = JSON.parse(target.checklist) as ChecklistItem[];
    const confirmed = new Set(body.checklist ?? []);
    const unknown = [...confirmed].filter((c) => !required.some((r) => r.id === c));
    if (unknown.length)
      throw invalidField(
        'checklist',
        `unknown checklist items: ${unknown.join(', ')}`,
        'unknown_item',
      );
    const missing = required.filter((r) => !confirmed.has(r.id));
    if (missing.length) {
      throw new AppError(
        422,
        'checklist_incomplete',
        `Entering ${target.name_en} requires: ${missing.map((m) => m.labelEn).join('; ')}`,
        missing.map((m) => ({
          pointer: `/body/checklist/${m.id}`,
          message: `not confirmed: ${m.labelEn}`,
          code: 'required',
        })),
      );
    }
    await changeStage(trx, {
      initiativeId: id,
      from: { id: before.stage_id, nameEn: before.stage_name_en, nameDe: before.stage_name_de },
      to: { id: target.id, nameEn: target.name_en, nameDe: target.name_de },
      actorId: actor.id,
      confirmed: required.map((r) => r.id),
      checklist: required,
      note: body.note ?? null,
      trail: { note: body.note ?? null, ...(byHandoffs ? { override: true } : {}) },
      expectedVersion: body.version,
      conflict: () => versionConflict('initiative'),
      at: now,
    });
    const after = await findInitiativeRow(trx, id);
    if (!after) throw new Error('initiative vanished inside its own transaction');
    return present(trx, actor, after);
  });
}

async function loadManageable(trx: DbOrTrx, actor: Actor, id: string) {
  const loaded = await loadReadable(trx, actor, id);
  if (!canManage(actor, loaded.facts))
    throw forbidden('Only the owners and deputies may manage members');
  return loaded;
}

export async function addMember(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: AddMemberBody,
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadManageable(trx, actor, id);
    const [person] = await findPeople(trx, [body.userId]);
    if (!person) throw invalidField('userId', 'is not a known person', 'unknown_person');
    if (person.disabled_at) throw invalidField('userId', `${person.name} is disabled`, 'disabled');
    if (await findMemberRole(trx, id, body.userId))
      throw invalidField('userId', `${person.name} is already a member`, 'already_member');
    const role = body.role ?? 'contributor';
    await trx
      .insertInto('initiative_members')
      .values({ initiative_id: id, user_id: body.userId, role, added_at: now.toISOString() })
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'member',
      entityId: `${id}:${body.userId}`,
      initiativeId: id,
      action: 'member.added',
      after: { person: { id: person.id, name: person.name, side: person.side }, role },
      at: now,
    });
    return present(trx, actor, row);
  });
}

export async function updateMember(
  ctx: AppContext,
  actor: Actor,
  id: string,
  userId: string,
  role: 'contributor' | 'observer',
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadManageable(trx, actor, id);
    const current = await findMemberRole(trx, id, userId);
    if (!current) throw notFound('Member');
    if (current === 'owner' || current === 'deputy') {
      throw invalidField(
        'role',
        'owners and deputies are changed on the initiative itself',
        'is_owner',
      );
    }
    if (current !== role) {
      await trx
        .updateTable('initiative_members')
        .set({ role })
        .where('initiative_id', '=', id)
        .where('user_id', '=', userId)
        .execute();
      const [person] = await findPeople(trx, [userId]);
      await appendAudit(trx, {
        actorId: actor.id,
        entityType: 'member',
        entityId: `${id}:${userId}`,
        initiativeId: id,
        action: 'member.updated',
        before: { person: { id: userId, name: person?.name }, role: current },
        after: { person: { id: userId, name: person?.name }, role },
        at: now,
      });
    }
    return present(trx, actor, row);
  });
}

export async function removeMember(
  ctx: AppContext,
  actor: Actor,
  id: string,
  userId: string,
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadManageable(trx, actor, id);
    const current = await findMemberRole(trx, id, userId);
    if (!current) throw notFound('Member');
    if (current === 'owner' || current === 'deputy') {
      throw conflict(
        'Owners and deputies cannot be removed; name someone else on the initiative first',
        'is_owner',
      );
    }
    await trx
      .deleteFrom('initiative_members')
      .where('initiative_id', '=', id)
      .where('user_id', '=', userId)
      .execute();
    const [person] = await findPeople(trx, [userId]);
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'member',
      entityId: `${id}:${userId}`,
      initiativeId: id,
      action: 'member.removed',
      before: { person: { id: userId, name: person?.name, side: person?.side }, role: current },
      at: now,
    });
    return present(trx, actor, row);
  });
}

/** The initiative's activity feed, newest first (404 when the actor may not read it). */
export async function activityOf(
  ctx: AppContext,
  actor: Actor,
  id: string,
  page: { before?: string | undefined; limit: number },
) {
  await loadReadable(ctx.db.kysely, actor, id);
  return listAudit(ctx.db.kysely, { initiativeId: id, before: page.before, limit: page.limit });
}
