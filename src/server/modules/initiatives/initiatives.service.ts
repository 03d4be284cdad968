/** Initiatives: list, read, register, change; their departments and activity. */
import type { ActivityPillar, AuditEvent } from '../../../contracts/audit.js';
import { worksCouncilMode } from '../privacy/settings.service.js';
import type { Side } from '../../../domain/sides.js';
import type {
  CreateInitiativeBody,
  Initiative,
  ListInitiativesQuery,
  UpdateInitiativeBody,
} from '../../../contracts/initiatives.js';
import { canCreateInitiative, canEdit, canManage } from '../../../domain/access.js';
import type { Actor, AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import { forbidden, invalidField, versionConflict } from '../../http/problems.js';
import { listAudit, entity, PILLAR_ENTITIES, record } from '../audit/audit.service.js';
import { changeStage } from './stage-change.service.js';
import { loadReadable, readableInitiativeIds } from './visibility.service.js';
import {
  distinctDepartments,
  findInitiativeRow,
  findInitiatives,
} from './initiatives.repository.js';
import {
  auditView,
  diff,
  nameMap,
  type Roles,
  syncRoleMemberships,
  validateRisk,
  validateRoles,
} from './initiatives.rules.js';
import { presentInitiativeFor, presentSummary } from './initiatives.presenter.js';
import { updateVersioned } from '../../db/versioned.js';

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
  return presentInitiativeFor(ctx.db.kysely, actor, row);
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
    await record(trx, actor.id, now, entity('initiative', id, id), 'initiative.created', {
      after: auditView(row, await nameMap(trx, row)),
    });
    return presentInitiativeFor(trx, actor, row);
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
    await updateVersioned(
      trx.updateTable('initiatives').set({
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
      }),
      { id: id, version: patch.version },
      'initiative',
    );
    await syncRoleMemberships(trx, id, roles, at);
    const after = await findInitiativeRow(trx, id);
    if (!after) throw new Error('initiative vanished inside its own transaction');
    const names = new Map([...(await nameMap(trx, before)), ...(await nameMap(trx, after))]);
    const changes = diff(auditView(before, names), auditView(after, names));
    if (Object.keys(changes.after).length) {
      await record(trx, actor.id, now, entity('initiative', id, id), 'initiative.updated', {
        ...changes,
      });
    }
    return presentInitiativeFor(trx, actor, after);
  });
}

/** The initiative's activity feed, newest first (404 when the actor may not read it). */
export async function activityOf(
  ctx: AppContext,
  actor: Actor,
  id: string,
  page: { before?: string | undefined; limit: number; pillar?: ActivityPillar | undefined },
) {
  const db = ctx.db.kysely;
  await loadReadable(db, actor, id);
  const events: AuditEvent[] = await listAudit(db, {
    initiativeId: id,
    entityTypes: page.pillar ? PILLAR_ENTITIES[page.pillar] : undefined,
    before: page.before,
    limit: page.limit,
  });
  if (!(await worksCouncilMode(db))) return events;
  // Works-council mode: people outside the initiative see roles, not names.
  const team = await db
    .selectFrom('initiative_members')
    .select(['user_id', 'role'])
    .where('initiative_id', '=', id)
    .execute();
  if (team.some((m) => m.user_id === actor.id)) return events;
  const roles = new Map(team.map((m) => [m.user_id, m.role]));
  const candidates = new Set<string>();
  for (const e of events) for (const c of [e.before, e.after]) personIdsIn(c, candidates);
  const users = new Map(
    candidates.size
      ? (
          await db
            .selectFrom('users')
            .select(['id', 'side'])
            .where('id', 'in', [...candidates])
            .execute()
        ).map((u) => [u.id, u.side])
      : [],
  );
  const roleOf = (userId: string, side: Side): NonNullable<AuditEvent['actorRole']> => ({
    side,
    role: roles.get(userId) ?? 'outside',
  });
  const mask = (c: unknown): unknown => {
    if (Array.isArray(c)) return c.map(mask);
    if (typeof c !== 'object' || c === null) return c;
    const o = c as Record<string, unknown>;
    const side = typeof o.id === 'string' ? users.get(o.id) : undefined;
    if (side && typeof o.id === 'string' && 'name' in o) return roleOf(o.id, side);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, mask(v)]));
  };
  return events.map((e): AuditEvent => ({
    ...e,
    before: mask(e.before),
    after: mask(e.after),
    ...(e.actor ? { actor: null, actorRole: roleOf(e.actor.id, e.actor.side) } : {}),
  }));
}

/** Ids of objects in an event's details that look like a person ({ id, name }). */
function personIdsIn(c: unknown, into: Set<string>): void {
  if (Array.isArray(c)) for (const x of c) personIdsIn(x, into);
  else if (typeof c === 'object' && c !== null) {
    const o = c as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.name === 'string') into.add(o.id);
    for (const v of Object.values(o)) personIdsIn(v, into);
  }
}
