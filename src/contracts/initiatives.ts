import { z } from 'zod';
import { ASSIGNABLE_MEMBER_ROLES, MEMBER_ROLES, VISIBILITIES } from '../domain/access.js';
import { INITIATIVE_STATUSES } from '../domain/initiatives.js';
import { RISK_CLASSES } from '../domain/risk.js';
import { line, PersonRef, text, Timestamp } from './common.js';

export const Status = z.enum(INITIATIVE_STATUSES);
export type Status = z.infer<typeof Status>;
export const Visibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof Visibility>;
export const RiskClass = z.enum(RISK_CLASSES);
export type RiskClass = z.infer<typeof RiskClass>;
export const MemberRole = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRole>;
export const AssignableMemberRole = z.enum(ASSIGNABLE_MEMBER_ROLES);

const tags = z
  .array(line(40))
  .max(20, 'must have at most 20 tags')
  .transform((list) => [...new Set(list)]);

const riskAnswers = z.record(z.string().max(60), z.boolean());
const riskJustification = z.string().trim().max(2000, 'must be at most 2000 characters').nullable();

export const StageRef = z.object({
  id: z.string(),
  key: z.string(),
  nameEn: z.string(),
  nameDe: z.string(),
  position: z.number().int(),
});
export type StageRef = z.infer<typeof StageRef>;

/** What the current user may do with an initiative (for the UI). */
export const Permissions = z.object({
  edit: z.boolean(),
  manage: z.boolean(),
  /** Move the stage directly: owners until the first handoff is submitted, admins always. */
  moveStage: z.boolean(),
});

/** A person as a list row shows them: the name and the side's colour. */
export const PersonName = z.object({ name: z.string(), side: PersonRef.shape.side });
export type PersonName = z.infer<typeof PersonName>;

/**
 * A row in the initiatives list: only what the list shows and sorts by, as the list is sent
 * whole (a thousand rows and more); the initiative's page has the rest.
 */
export const InitiativeSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    department: z.string(),
    stage: StageRef.pick({ nameEn: true, nameDe: true, position: true }),
    status: Status,
    riskClass: RiskClass,
    tags: z.array(z.string()),
    businessOwner: PersonName,
    itOwner: PersonName,
    updatedAt: Timestamp,
  })
  .meta({ id: 'InitiativeSummary' });
export type InitiativeSummary = z.infer<typeof InitiativeSummary>;

export const Member = z.object({
  person: PersonRef,
  role: MemberRole,
  addedAt: Timestamp,
});
export type Member = z.infer<typeof Member>;

export const Initiative = z
  .object({
    id: z.string(),
    title: z.string(),
    problem: z.string(),
    expectedBenefit: z.string(),
    department: z.string(),
    stage: StageRef,
    status: Status,
    visibility: Visibility,
    riskClass: RiskClass,
    riskAnswers: riskAnswers,
    riskJustification: z.string().nullable(),
    tags: z.array(z.string()),
    businessOwner: PersonRef,
    itOwner: PersonRef,
    businessDeputy: PersonRef.nullable(),
    itDeputy: PersonRef.nullable(),
    members: z.array(Member),
    /** Optimistic concurrency: send it back with every change. */
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    permissions: Permissions,
  })
  .meta({ id: 'Initiative' });
export type Initiative = z.infer<typeof Initiative>;

const optionalId = z.string().min(1).nullable();

export const CreateInitiativeBody = z.object({
  title: line(200),
  problem: text(5000),
  expectedBenefit: text(5000),
  department: line(100),
  businessOwnerId: z.string().min(1, 'must be chosen'),
  itOwnerId: z.string().min(1, 'must be chosen'),
  businessDeputyId: optionalId.optional(),
  itDeputyId: optionalId.optional(),
  /** Defaults to the first stage. */
  stageId: z.string().optional(),
  visibility: Visibility.default('company'),
  riskClass: RiskClass,
  riskAnswers: riskAnswers.default({}),
  /** Required when the chosen class is milder than the questionnaire suggests. */
  riskJustification: riskJustification.optional(),
  tags: tags.default([]),
});
export type CreateInitiativeBody = z.input<typeof CreateInitiativeBody>;

export const UpdateInitiativeBody = z.object({
  /** The version you last read; a mismatch answers 409. */
  version: z.number().int(),
  title: line(200).optional(),
  problem: text(5000).optional(),
  expectedBenefit: text(5000).optional(),
  department: line(100).optional(),
  businessOwnerId: z.string().min(1).optional(),
  itOwnerId: z.string().min(1).optional(),
  businessDeputyId: optionalId.optional(),
  itDeputyId: optionalId.optional(),
  status: Status.optional(),
  visibility: Visibility.optional(),
  riskClass: RiskClass.optional(),
  riskAnswers: riskAnswers.optional(),
  riskJustification: riskJustification.optional(),
  tags: tags.optional(),
});
export type UpdateInitiativeBody = z.input<typeof UpdateInitiativeBody>;

export const MoveStageBody = z.object({
  version: z.number().int(),
  stageId: z.string().min(1, 'must be chosen'),
  /** Ids of the target stage's checklist items the mover confirms; all are required. */
  checklist: z.array(z.string()).default([]),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});
export type MoveStageBody = z.input<typeof MoveStageBody>;

export const AddMemberBody = z.object({
  userId: z.string().min(1, 'must be chosen'),
  role: AssignableMemberRole.default('contributor'),
});
export type AddMemberBody = z.input<typeof AddMemberBody>;

export const UpdateMemberBody = z.object({ role: AssignableMemberRole });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const ListInitiativesQuery = z.object({
  department: z.string().optional(),
  /** Stage id. */
  stage: z.string().optional(),
  /** A person who owns (or deputises) the initiative on either side. */
  owner: z.string().optional(),
  status: Status.optional(),
  riskClass: RiskClass.optional(),
  /** Free text over title, problem, benefit and tags. */
  q: z.string().trim().max(200).optional(),
  /** Only initiatives I am a member of. */
  mine: z.enum(['true', 'false']).optional(),
});
export type ListInitiativesQuery = z.infer<typeof ListInitiativesQuery>;
