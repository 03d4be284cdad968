import type { PersonRef } from '../../../contracts/common.js';
import type { Initiative, InitiativeSummary, Member } from '../../../contracts/initiatives.js';
import { canEdit, canManage } from '../../../domain/access.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import {
  findMembers,
  stageByHandoffs,
  type InitiativeRow,
  type InitiativeSummaryRow,
} from './initiatives.repository.js';
import type { Side } from '../../../domain/sides.js';
import { ownersOf } from '../people/people.service.js';

const stageRef = (r: InitiativeSummaryRow) => ({
  id: r.stage_id,
  key: r.stage_key,
  nameEn: r.stage_name_en,
  nameDe: r.stage_name_de,
  position: r.stage_position,
});

export function presentSummary(r: InitiativeSummaryRow): InitiativeSummary {
  const { businessOwner, itOwner } = ownersOf(r);
  return {
    id: r.id,
    title: r.title,
    department: r.department,
    stage: { nameEn: r.stage_name_en, nameDe: r.stage_name_de, position: r.stage_position },
    status: r.status,
    riskClass: r.risk_class,
    tags: JSON.parse(r.tags) as string[],
    businessOwner: { name: businessOwner.name, side: businessOwner.side },
    itOwner: { name: itOwner.name, side: itOwner.side },
    updatedAt: r.updated_at,
  };
}

export function presentInitiative(
  r: InitiativeRow,
  members: {
    user_id: string;
    role: Member['role'];
    added_at: string;
    name: string;
    side: Side;
    department: string | null;
  }[],
  permissions: { edit: boolean; manage: boolean; moveStage: boolean },
): Initiative {
  const people = new Map<string, PersonRef>(
    members.map((m) => [
      m.user_id,
      { id: m.user_id, name: m.name, side: m.side, department: m.department },
    ]),
  );
  const person = (id: string | null): PersonRef | null => (id ? (people.get(id) ?? null) : null);
  return {
    id: r.id,
    title: r.title,
    department: r.department,
    stage: stageRef(r),
    status: r.status,
    visibility: r.visibility,
    riskClass: r.risk_class,
    tags: JSON.parse(r.tags) as string[],
    ...ownersOf(r),
    updatedAt: r.updated_at,
    problem: r.problem,
    expectedBenefit: r.expected_benefit,
    riskAnswers: JSON.parse(r.risk_answers) as Record<string, boolean>,
    riskJustification: r.risk_justification,
    businessDeputy: person(r.business_deputy_id),
    itDeputy: person(r.it_deputy_id),
    members: members.map((m) => ({
      person: { id: m.user_id, name: m.name, side: m.side, department: m.department },
      role: m.role,
      addedAt: m.added_at,
    })),
    version: r.version,
    createdAt: r.created_at,
    permissions,
  };
}

/** An initiative as `actor` sees it: with its members and what they may do. */
export async function presentInitiativeFor(
  db: DbOrTrx,
  actor: Actor,
  row: InitiativeRow,
): Promise<Initiative> {
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
