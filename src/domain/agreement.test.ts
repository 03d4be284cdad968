import { describe, expect, it } from 'vitest';
import {
  agreementState,
  needsNewVersion,
  type Signature,
  type Signer,
  signRefusal,
} from './agreement.js';

const sig = (
  version: number,
  side: 'business' | 'it',
  userId = `${side}-1`,
  signedAt = '2026-01-01T00:00:00.000Z',
): Signature => ({ version, userId, userName: userId, side, signedAt });

describe('agreementState', () => {
  it.each([
    ['no signatures', 1, [], false, ['business', 'it']],
    ['business only', 1, [sig(1, 'business')], false, ['it']],
    ['IT only', 1, [sig(1, 'it')], false, ['business']],
    ['both sides', 1, [sig(1, 'business'), sig(1, 'it')], true, []],
    [
      'both sides, but on an older version',
      2,
      [sig(1, 'business'), sig(1, 'it')],
      false,
      ['business', 'it'],
    ],
    ['one old, one current', 2, [sig(1, 'business'), sig(2, 'it')], false, ['business']],
    [
      'two business signatures are not IT',
      1,
      [sig(1, 'business', 'a'), sig(1, 'business', 'b')],
      false,
      ['it'],
    ],
  ] as const)('%s', (_name, version, signatures, agreed, waiting) => {
    const state = agreementState(version, signatures);
    expect(state.agreed).toBe(agreed);
    expect(state.waitingFor).toEqual(waiting);
  });

  it('reports the first signature per side', () => {
    const state = agreementState(1, [
      sig(1, 'it', 'late', '2026-02-01T00:00:00.000Z'),
      sig(1, 'it', 'early', '2026-01-01T00:00:00.000Z'),
    ]);
    expect(state.it?.userId).toBe('early');
  });
});

describe('signRefusal', () => {
  const member: Signer = {
    userId: 'u',
    side: 'business',
    orgRole: 'member',
    memberRole: 'contributor',
  };
  it.each([
    ['allowed', member, 'business', 1, 1, [], undefined],
    ['viewer', { ...member, orgRole: 'viewer' }, 'business', 1, 1, [], 'not_member'],
    ['not a member', { ...member, memberRole: undefined }, 'business', 1, 1, [], 'not_member'],
    ['observer', { ...member, memberRole: 'observer' }, 'business', 1, 1, [], 'not_member'],
    ['other side', member, 'it', 1, 1, [], 'wrong_side'],
    ['stale version', member, 'business', 1, 2, [], 'stale_version'],
    ['twice', member, 'business', 1, 1, [sig(1, 'business', 'u')], 'already_signed'],
    ['again after a new version', member, 'business', 2, 2, [sig(1, 'business', 'u')], undefined],
  ] as const)('%s', (_name, signer, side, version, current, signatures, code) => {
    expect(signRefusal(signer as Signer, side, version, current, signatures)?.code).toBe(code);
  });
});

describe('needsNewVersion', () => {
  it('only for the listed fields', () => {
    const a = { unit: 'min', name: 'x', note: 'a' };
    expect(needsNewVersion(a, { ...a, note: 'b' }, ['unit', 'name'])).toBe(false);
    expect(needsNewVersion(a, { ...a, unit: 'h' }, ['unit', 'name'])).toBe(true);
  });
});
