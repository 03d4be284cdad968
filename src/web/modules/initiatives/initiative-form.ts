import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import {
  CreateInitiativeBody,
  type Initiative,
  type RiskClass,
  type Status,
  type UpdateInitiativeBody,
  type Visibility,
} from '../../../contracts/initiatives.js';
import { isBelowSuggestion, type RiskAnswers } from '../../../domain/risk.js';
import { zodErrors } from '../../lib/validation.js';
import type { Side } from '../../../domain/sides.js';

export interface InitiativeFormValues {
  title: string;
  problem: string;
  expectedBenefit: string;
  department: string;
  businessOwnerId: string | null;
  itOwnerId: string | null;
  businessDeputyId: string | null;
  itDeputyId: string | null;
  status: Status;
  visibility: Visibility;
  tags: string[];
  riskAnswers: RiskAnswers;
  riskClass: RiskClass;
  riskJustification: string;
}

export function emptyValues(me: {
  id: string;
  side: Side;
  department: string | null;
}): InitiativeFormValues {
  return {
    title: '',
    problem: '',
    expectedBenefit: '',
    department: me.side === 'business' ? (me.department ?? '') : '',
    // The person who registers it is usually the owner on their own side.
    businessOwnerId: me.side === 'business' ? me.id : null,
    itOwnerId: me.side === 'it' ? me.id : null,
    businessDeputyId: null,
    itDeputyId: null,
    status: 'active',
    visibility: 'company',
    tags: [],
    riskAnswers: {},
    riskClass: 'minimal',
    riskJustification: '',
  };
}

export function fromInitiative(i: Initiative): InitiativeFormValues {
  return {
    title: i.title,
    problem: i.problem,
    expectedBenefit: i.expectedBenefit,
    department: i.department,
    businessOwnerId: i.businessOwner.id,
    itOwnerId: i.itOwner.id,
    businessDeputyId: i.businessDeputy?.id ?? null,
    itDeputyId: i.itDeputy?.id ?? null,
    status: i.status,
    visibility: i.visibility,
    tags: i.tags,
    riskAnswers: i.riskAnswers,
    riskClass: i.riskClass,
    riskJustification: i.riskJustification ?? '',
  };
}

const justificationFor = (v: InitiativeFormValues): string | null =>
  isBelowSuggestion(v.riskClass, v.riskAnswers) && v.riskJustification.trim()
    ? v.riskJustification.trim()
    : null;

export function toCreateBody(v: InitiativeFormValues): CreateInitiativeBody {
  return {
    title: v.title,
    problem: v.problem,
    expectedBenefit: v.expectedBenefit,
    department: v.department,
    businessOwnerId: v.businessOwnerId ?? '',
    itOwnerId: v.itOwnerId ?? '',
    businessDeputyId: v.businessDeputyId,
    itDeputyId: v.itDeputyId,
    visibility: v.visibility,
    riskClass: v.riskClass,
    riskAnswers: v.riskAnswers,
    riskJustification: justificationFor(v),
    tags: v.tags,
  };
}

/**
 * Content fields for everyone who may edit; owners, status and visibility only for those
 * who may manage the initiative.
 */
export function toUpdateBody(
  v: InitiativeFormValues,
  version: number,
  canManage: boolean,
): UpdateInitiativeBody {
  const body: UpdateInitiativeBody = {
    version,
    title: v.title,
    problem: v.problem,
    expectedBenefit: v.expectedBenefit,
    department: v.department,
    riskClass: v.riskClass,
    riskAnswers: v.riskAnswers,
    riskJustification: justificationFor(v),
    tags: v.tags,
  };
  if (canManage) {
    Object.assign(body, {
      businessOwnerId: v.businessOwnerId ?? undefined,
      itOwnerId: v.itOwnerId ?? undefined,
      businessDeputyId: v.businessDeputyId,
      itDeputyId: v.itDeputyId,
      status: v.status,
      visibility: v.visibility,
    });
  }
  return body;
}

const PICKERS = ['businessOwnerId', 'itOwnerId', 'businessDeputyId', 'itDeputyId'];

/** The contract's rules plus the ones that span fields, in the user's language. */
export function validateInitiative(v: InitiativeFormValues, t: TFunction): FormErrors {
  const errors = zodErrors(CreateInitiativeBody, toCreateBody(v), t);
  for (const key of PICKERS) if (errors[key]) errors[key] = t('validation.choose');
  if (v.businessDeputyId && v.businessDeputyId === v.businessOwnerId) {
    errors.businessDeputyId = t('validation.sameDeputy');
  }
  if (v.itDeputyId && v.itDeputyId === v.itOwnerId) errors.itDeputyId = t('validation.sameDeputy');
  if (isBelowSuggestion(v.riskClass, v.riskAnswers) && !v.riskJustification.trim()) {
    errors.riskJustification = t('validation.justificationRequired');
  }
  return errors;
}
