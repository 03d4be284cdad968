import { describe, expect, it } from 'vitest';
import {
  AccessCheckError,
  canCreateInitiative,
  canEdit,
  canManage,
  canRead,
  type MemberRole,
  type OrgRole,
  type Visibility,
} from './access.js';

type Row = [
  OrgRole,
  Visibility,
  MemberRole | undefined,
  { read: boolean; edit: boolean; manage: boolean },
];

const table: Row[] = [
  ['admin', 'members', undefined, { read: true, edit: true, manage: true }],
  ['member', 'company', undefined, { read: true, edit: false, manage: false }],
  ['member', 'members', undefined, { read: false, edit: false, manage: false }],
  ['member', 'members', 'observer', { read: true, edit: false, manage: false }],
  ['member', 'members', 'contributor', { read: true, edit: true, manage: false }],
  ['member', 'company', 'deputy', { read: true, edit: true, manage: true }],
  ['member', 'company', 'owner', { read: true, edit: true, manage: true }],
  ['viewer', 'company', undefined, { read: true, edit: false, manage: false }],
  ['viewer', 'members', undefined, { read: false, edit: false, manage: false }],
  ['viewer', 'members', 'owner', { read: true, edit: false, manage: false }],
];

describe('initiative access', () => {
  it.each(table)(
    '%s, visibility %s, member role %s → %j',
    (role, visibility, memberRole, expected) => {
      const actor = { id: 'a', role };
      const facts = { visibility, memberRole };
      expect({
        read: canRead(actor, facts),
        edit: canEdit(actor, facts),
        manage: canManage(actor, facts),
      }).toEqual(expected);
    },
  );

  it('viewers cannot create initiatives', () => {
    expect(canCreateInitiative({ id: 'v', role: 'viewer' })).toBe(false);
    expect(canCreateInitiative({ id: 'm', role: 'member' })).toBe(true);
  });
});

describe('rules fail closed', () => {
  it('a rule that throws instead of deciding throws AccessCheckError (never true)', () => {
    const broken = {
      get role(): OrgRole {
        throw new TypeError('role is not loaded');
      },
      id: 'x',
    };
    const facts = { visibility: 'company' as const, memberRole: 'owner' as const };
    for (const check of [canRead, canEdit, canManage]) {
      expect(() => check(broken, facts)).toThrow(AccessCheckError);
    }
    expect(() => canCreateInitiative(broken)).toThrow(AccessCheckError);
    try {
      canEdit(broken, facts);
    } catch (err) {
      expect(err).toMatchObject({ check: 'canEdit' });
      expect((err as Error).cause).toBeInstanceOf(TypeError);
    }
  });
});
