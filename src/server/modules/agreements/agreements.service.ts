import { sql } from 'kysely';
import {
  type AgreementState,
  type AgreementSubject,
  agreementState,
  type Signature,
  type Signer,
  signRefusal,
  type Side,
} from '../../../domain/agreement.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { AppError } from '../../http/problems.js';
import { record } from '../audit/audit.service.js';
import { knownPerson } from '../../../domain/people.js';

/**
 * Versioned content with signatures by side, stored generically by subject (metric
 * definitions and goals). The rules are in domain/agreement.ts; this is storage, and the
 * one way to sign.
 */
export type SubjectType = AgreementSubject;

export interface Subject {
  type: SubjectType;
  id: string;
  initiativeId: string;
}

export async function addVersion(
  trx: DbOrTrx,
  subject: Subject,
  version: number,
  content: unknown,
  actorId: string | null,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('agreement_versions')
    .values({
      subject_type: subject.type,
      subject_id: subject.id,
      version,
      content: JSON.stringify(content),
      created_by: actorId,
      created_at: at.toISOString(),
    })
    .execute();
}

export interface VersionRow<T> {
  version: number;
  content: T;
  createdBy: { id: string; name: string; side: Side; department: string | null } | null;
  createdAt: string;
  signatures: (Signature & { department: string | null })[];
}

/** All versions of subjects, newest first, with their signatures. */
export async function loadVersions<T>(
  db: DbOrTrx,
  type: SubjectType,
  ids: string[],
): Promise<Map<string, VersionRow<T>[]>> {
  const out = new Map<string, VersionRow<T>[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const versions = await db
    .selectFrom('agreement_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.subject_id',
      'v.version',
      'v.content',
      'v.created_at',
      'v.created_by',
      'u.name',
      'u.side',
      'u.department',
    ])
    .where('v.subject_type', '=', type)
    .where('v.subject_id', 'in', ids)
    .orderBy('v.version', 'desc')
    .execute();
  const signatures = await db
    .selectFrom('agreement_signatures as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.subject_id',
      's.version',
      's.user_id',
      's.side',
      's.signed_at',
      'u.name',
      'u.department',
    ])
    .where('s.subject_type', '=', type)
    .where('s.subject_id', 'in', ids)
    .orderBy('s.signed_at')
    .execute();
  for (const v of versions) {
    out.get(v.subject_id)?.push({
      version: v.version,
      content: JSON.parse(v.content) as T,
      createdBy: knownPerson(v.created_by, v.name, v.side, v.department),
      createdAt: v.created_at,
      signatures: signatures
        .filter((s) => s.subject_id === v.subject_id && s.version === v.version)
        .map((s) => ({
          version: s.version,
          userId: s.user_id,
          userName: s.name,
          side: s.side,
          signedAt: s.signed_at,
          department: s.department,
        })),
    });
  }
  return out;
}

/** The version history as it leaves the server: each version with who signed it. */
export const presentVersions = <T>(versions: VersionRow<T>[]) =>
  versions.map((v) => ({
    version: v.version,
    content: v.content,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    signatures: v.signatures.map((s) => ({
      version: s.version,
      side: s.side,
      signedAt: s.signedAt,
      person: { id: s.userId, name: s.userName, side: s.side, department: s.department },
    })),
  }));

/** The actor as a signer: org role, side and their role in the initiative decide. */
export const signerOf = (actor: Actor, memberRole: Signer['memberRole']): Signer => ({
  userId: actor.id,
  side: actor.side,
  orgRole: actor.role,
  memberRole,
});

export const allSignatures = <T>(versions: VersionRow<T>[]) =>
  versions.flatMap((v) => v.signatures);

/** The agreement state plus, for the viewer, why they may not sign each side. */
export function agreementView<T>(
  versions: VersionRow<T>[],
  currentVersion: number,
  signer: Signer,
) {
  const signatures = allSignatures(versions);
  const state = agreementState(currentVersion, signatures);
  const department = new Map(signatures.map((s) => [s.userId, s.department]));
  const view = (s: Signature | null) =>
    s
      ? {
          version: s.version,
          side: s.side,
          signedAt: s.signedAt,
          person: {
            id: s.userId,
            name: s.userName,
            side: s.side,
            department: department.get(s.userId) ?? null,
          },
        }
      : null;
  const refusal = (side: Side) => {
    const r = signRefusal(signer, side, currentVersion, currentVersion, signatures);
    return r ? { code: r.code, message: r.message } : null;
  };
  return {
    currentVersion,
    agreed: state.agreed,
    business: view(state.business),
    it: view(state.it),
    waitingFor: state.waitingFor,
    mySignature: { business: refusal('business'), it: refusal('it') },
  };
}

/** Where each subject's row and current version live. */
const SUBJECT_ROWS = {
  metric: { table: 'metrics', version: 'definition_version' },
  goal: { table: 'goals', version: 'agreement_version' },
} as const;

/**
 * Takes the subject's row lock and returns its current version. The UPDATE locks the row
 * (PostgreSQL; SQLite writes one at a time), so a concurrent edit cannot slip a new version
 * in between reading the version and signing it.
 */
async function lockSubject(trx: DbOrTrx, subject: Subject, at: string) {
  const { table, version } = SUBJECT_ROWS[subject.type];
  const row = await trx
    .updateTable(table)
    .set({ updated_at: at })
    .where('id', '=', subject.id)
    .returning(sql<number>`${sql.ref(version)}`.as('current'))
    .executeTakeFirst();
  return row?.current;
}

/**
 * Signs the subject's current version for `side`, under its row lock: the one signing path
 * of metrics and goals. `assertOpen` runs after the lock (e.g. a goal must be proposed).
 * Returns the agreement after signing; throws the refusal as a problem.
 */
export async function signUnderLock(
  trx: DbOrTrx,
  subject: Subject,
  signer: Signer & { actor: Actor },
  side: Side,
  version: number,
  at: Date,
  assertOpen: () => Promise<void> = async () => undefined,
): Promise<AgreementState> {
  const current = await lockSubject(trx, subject, at.toISOString());
  if (current === undefined) throw new Error(`${subject.type} vanished inside its own transaction`);
  await assertOpen();
  await sign(trx, subject, signer, side, version, current, at);
  const versions = (await loadVersions(trx, subject.type, [subject.id])).get(subject.id) ?? [];
  return agreementState(current, allSignatures(versions));
}

/** Signs `version` for `side`, or throws the refusal as a problem. */
async function sign(
  trx: DbOrTrx,
  subject: Subject,
  signer: Signer & { actor: Actor },
  side: Side,
  version: number,
  currentVersion: number,
  at: Date,
): Promise<void> {
  const existing = await loadVersions(trx, subject.type, [subject.id]);
  const refusal = signRefusal(
    signer,
    side,
    version,
    currentVersion,
    allSignatures(existing.get(subject.id) ?? []),
  );
  if (refusal) {
    const status =
      refusal.code === 'stale_version' || refusal.code === 'already_signed'
        ? 409
        : refusal.code === 'wrong_side'
          ? 422
          : 403;
    throw new AppError(
      status,
      refusal.code,
      refusal.message,
      status === 422
        ? [{ pointer: '/body/side', message: refusal.message, code: refusal.code }]
        : [],
    );
  }
  await trx
    .insertInto('agreement_signatures')
    .values({
      subject_type: subject.type,
      subject_id: subject.id,
      version,
      user_id: signer.userId,
      side,
      signed_at: at.toISOString(),
    })
    .execute();
  await record(trx, signer.actor.id, at, subject, `${subject.type}.signed`, {
    after: { version, side },
  });
}
