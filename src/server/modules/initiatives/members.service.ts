/** An initiative's team: adding, changing and removing members (owners and deputies manage). */
import type { AddMemberBody, Initiative } from '../../../contracts/initiatives.js';
import { canManage } from '../../../domain/access.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { conflict, forbidden, invalidField, notFound } from '../../http/problems.js';
import { appendAudit } from '../audit/audit.service.js';
import { findPeople } from '../people/people.service.js';
import { loadReadable } from './visibility.service.js';
import { findMemberRole } from './initiatives.repository.js';
import { presentInitiativeFor } from './initiatives.presenter.js';

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
    return presentInitiativeFor(trx, actor, row);
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
    return presentInitiativeFor(trx, actor, row);
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
    return presentInitiativeFor(trx, actor, row);
  });
}
