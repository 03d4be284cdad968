import type { TFunction } from 'i18next';
import type { Language } from '../../../contracts/common.js';
import { RISK_QUESTIONS } from '../../../domain/risk.js';
import { isOneOf } from '../../lib/one-of.js';

export interface Change {
  field: string;
  from: string;
  to: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changed fields the activity feed names, in reading order (`activity.field.<name>`). */
export const CHANGE_FIELDS = [
  'title',
  'problem',
  'expectedBenefit',
  'department',
  'businessOwner',
  'itOwner',
  'businessDeputy',
  'itDeputy',
  'stage',
  'status',
  'visibility',
  'riskClass',
  'riskAnswers',
  'riskJustification',
  'tags',
  'role',
  'note',
  'checklist',
] as const;
type Field = (typeof CHANGE_FIELDS)[number];
const isField = (k: string): k is Field => isOneOf(CHANGE_FIELDS, k);

const shorten = (s: string, max = 140) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** One value as a person reads it: names instead of ids, translated enums. */
export function formatValue(
  field: string,
  value: unknown,
  t: TFunction,
  language: Language,
): string {
  if (value === null || value === undefined || value === '') return t('activity.empty_value');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('activity.empty_value');
    if (field === 'checklist') return t('activity.items', { count: value.length });
    return shorten(value.map(String).join(', '));
  }
  if (isObj(value)) {
    if (field === 'stage') {
      const name = language === 'de' ? value.nameDe : value.nameEn;
      return typeof name === 'string' ? name : t('activity.empty_value');
    }
    if (typeof value.name === 'string') return value.name;
    if (field === 'riskAnswers') return t('activity.answers', { count: Object.keys(value).length });
    return shorten(JSON.stringify(value));
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  switch (field) {
    case 'status':
      if (['active', 'paused', 'done', 'cancelled'].includes(s)) {
        return t(`status.${s as 'active' | 'paused' | 'done' | 'cancelled'}`);
      }
      break;
    case 'visibility':
      if (s === 'company' || s === 'members') return t(`visibility.${s}`);
      break;
    case 'riskClass':
      if (['minimal', 'limited', 'high', 'prohibited'].includes(s)) {
        return t(`risk.class.${s as 'minimal' | 'limited' | 'high' | 'prohibited'}`);
      }
      break;
    case 'role':
      if (['owner', 'deputy', 'contributor', 'observer'].includes(s)) {
        return t(`memberRole.${s as 'owner' | 'deputy' | 'contributor' | 'observer'}`);
      }
      break;
  }
  return shorten(s);
}

export function fieldLabel(field: string, t: TFunction): string {
  return isField(field) ? t(`activity.field.${field}`) : field;
}

/** A change's two sides as records; what is not an object counts as empty. */
const asRecords = (before: unknown, after: unknown): [Obj, Obj] => [
  isObj(before) ? before : {},
  isObj(after) ? after : {},
];

/** Questionnaire answers changed one by one: "question: Yes → No". */
function answerChanges(
  before: unknown,
  after: unknown,
  t: TFunction,
  language: Language,
): Change[] {
  const [b, a] = asRecords(before, after);
  const answer = (v: unknown) =>
    v === true ? t('common.yes') : v === false ? t('common.no') : t('activity.empty_value');
  return RISK_QUESTIONS.filter((q) => b[q.id] !== a[q.id]).map((q) => ({
    field: shorten(q[language], 90),
    from: answer(b[q.id]),
    to: answer(a[q.id]),
  }));
}

/** The fields that changed between `before` and `after`, readable. */
export function describeChanges(
  before: unknown,
  after: unknown,
  t: TFunction,
  language: Language,
): Change[] {
  const [b, a] = asRecords(before, after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => k !== 'person' && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  keys.sort((x, y) => CHANGE_FIELDS.indexOf(x as Field) - CHANGE_FIELDS.indexOf(y as Field));
  return keys.flatMap((key) =>
    key === 'riskAnswers'
      ? answerChanges(b[key], a[key], t, language)
      : [
          {
            field: fieldLabel(key, t),
            from: formatValue(key, b[key], t, language),
            to: formatValue(key, a[key], t, language),
          },
        ],
  );
}

/** A name found in an event's before/after (member events carry the person). */
export function personName(event: { before: unknown; after: unknown }): string {
  for (const side of [event.after, event.before]) {
    if (isObj(side) && isObj(side.person) && typeof side.person.name === 'string') {
      return side.person.name;
    }
  }
  return '';
}

export function stageOf(value: unknown, language: Language): string {
  if (isObj(value) && isObj(value.stage)) {
    const name = language === 'de' ? value.stage.nameDe : value.stage.nameEn;
    if (typeof name === 'string') return name;
  }
  return '';
}

export function stringField(value: unknown, key: string): string | undefined {
  return isObj(value) && typeof value[key] === 'string' ? value[key] : undefined;
}
