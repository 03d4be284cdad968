/** An initiative's team: adding, changing and removing members (owners and deputies manage). */
import type { AuditAction } from '../../../contracts/audit.js';
import type { AddMemberBody, Initiative } from '../../../contracts/initiatives.js';
import { type AssignableMemberRole, canManage } from '../../../domain/access.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { type AppError, conflict, forbidden, invalidField, notFound } from '../../http/problems.js';
import { appendAudit } from '../audit/audit.service.js';
import { findPeople } from '../people/people.service.js';
import { findMemberRole } from './initiatives.repository.js';
import { presentInitiativeFor } from './initiatives.presenter.js';
import { loadReadable } from './visibility.service.js';

/**
 * One change of the team, by an owner or deputy, in a transaction: `change` does it and
 * says what the trail records; the answer is the initiative as the actor sees it then.
 */
async function changeTeam(
  ctx: AppContext,
  actor: Actor,
  id: string,
  userId: string,
  change: (
    trx: DbOrTrx,
  ) => Promise<
    | { action: Extract<AuditAction, `member.${string}`>; before?: unknown; after?: unknown }
    | undefined
  >,
): Promise<Initiative> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, facts } = await loadReadable(trx, actor, id);
    if (!canManage(actor, facts))
      throw forbidden('Only the owners and deputies may manage members');
    const recorded = await change(trx);
    if (recorded)
      await appendAudit(trx, {
        actorId: actor.id,
        entityType: 'member',
        entityId: `${id}:${userId}`,
        initiativeId: id,
        ...recorded,
        at: now,
      });
    return presentInitiativeFor(trx, actor, row);
  });
}

/** A member who is neither owner nor deputy (those change on the initiative itself). */
async function plainMember(trx: DbOrTrx, id: string, userId: string, isOwner: () => AppError) {
  const role = await findMemberRole(trx, id, userId);
  if (!role) throw notFound('Member');
  if (role === 'owner' || role === 'deputy') throw isOwner();
  const [person] = await findPeople(trx, [userId]);
  return { role, person };
}

const ofMember = (trx: DbOrTrx, id: string, userId: string) =>
  trx
    .updateTable('initiative_members')
    .where('initiative_id', '=', id)
    .where('user_id', '=', userId);

export const addMember = (ctx: AppContext, actor: Actor, id: string, body: AddMemberBody) =>
  changeTeam(ctx, actor, id, body.userId, async (trx) => {
    const [person] = await findPeople(trx, [body.userId]);
    if (!person) throw invalidField('userId', 'is not a known person', 'unknown_person');
    if (person.disabled_at) throw invalidField('userId', `${person.name} is disabled`, 'disabled');
    if (await findMemberRole(trx, id, body.userId))
      throw invalidField('userId', `${person.name} is already a member`, 'already_member');
    const role = body.role ?? 'contributor';
    await trx
      .insertInto('initiative_members')
      .values({ initiative_id: id, user_id: body.userId, role, added_at: ctx.now().toISOString() })
      .execute();
    return {
      action: 'member.added',
      after: { person: { id: person.id, name: person.name, side: person.side }, role },
    };
  });

export const updateMember = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  userId: string,
  role: AssignableMemberRole,
) =>
  changeTeam(ctx, actor, id, userId, async (trx) => {
    const current = await plainMember(trx, id, userId, () =>
      invalidField('role', 'owners and deputies are changed on the initiative itself', 'is_owner'),
    );
    if (current.role === role) return undefined;
    await ofMember(trx, id, userId).set({ role }).execute();
    const person = { id: userId, name: current.person?.name };
    return {
      action: 'member.updated',
      before: { person, role: current.role },
      after: { person, role },
    };
  });

export const removeMember = (ctx: AppContext, actor: Actor, id: string, userId: string) =>
  changeTeam(ctx, actor, id, userId, async (trx) => {
    const current = await plainMember(trx, id, userId, () =>
      conflict(
        'Owners and deputies cannot be removed; name someone else on the initiative first',
        'is_owner',
      ),
    );
    await trx
      .deleteFrom('initiative_members')
      .where('initiative_id', '=', id)
      .where('user_id', '=', userId)
      .execute();
    const { person } = current;
    return {
      action: 'member.removed',
      before: {
        person: { id: userId, name: person?.name, side: person?.side },
        role: current.role,
      },
    };
  });
