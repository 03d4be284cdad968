/** What an initiative's owners and risk class must satisfy, and how the trail records it. */
import { isBelowSuggestion, RISK_QUESTIONS, type RiskClass } from '../../../domain/risk.js';
import type { DbOrTrx } from '../../db/connect.js';
import { type FieldError, invalidField, invalidFields } from '../../http/problems.js';
import { findPeople, personProblem } from '../people/people.service.js';
import type { InitiativeRow } from './initiatives.repository.js';
import type { Side } from '../../../domain/sides.js';

export type Roles = {
  businessOwnerId: string;
  itOwnerId: string;
  businessDeputyId: string | null;
  itDeputyId: string | null;
};

const KNOWN_QUESTIONS = new Set(RISK_QUESTIONS.map((q) => q.id));

/** Owners and deputies: the right side, active, allowed to write, and distinct. */
export async function validateRoles(db: DbOrTrx, roles: Roles): Promise<void> {
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
    const pointer = `/body/${field}`;
    if (!p) errors.push(personProblem.unknown(pointer));
    else if (p.disabled_at) errors.push(personProblem.disabled(pointer, p.name));
    else if (p.role === 'viewer')
      errors.push({
        pointer,
        message: `${p.name} is a viewer and cannot own or deputise`,
        code: 'viewer',
      });
    else if (p.side !== side) errors.push(personProblem.wrongSide(pointer, side, p.name));
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

export function validateRisk(
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
export async function syncRoleMemberships(
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
export function auditView(r: InitiativeRow, names: Map<string, string>) {
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
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
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

export async function nameMap(db: DbOrTrx, r: InitiativeRow) {
  const ids = [r.business_owner_id, r.it_owner_id, r.business_deputy_id, r.it_deputy_id].filter(
    (x): x is string => x !== null,
  );
  return new Map((await findPeople(db, ids)).map((p) => [p.id, p.name]));
}
