import { randomBytes } from 'node:crypto';
import type { Actor, AppContext } from '../../context.js';
import {
  createInitiative,
  getInitiative,
  updateInitiative,
} from '../initiatives/initiatives.service.js';
import { addMember } from '../initiatives/members.service.js';
import { moveStage } from '../initiatives/stage-change.service.js';
import { createUser, findUserByEmail } from '../people/users.service.js';
import { listStages } from '../stages/stages.service.js';
import { seedSampleDemos } from './sample-workspace.demos.js';
import { seedSampleGoals } from './sample-workspace.goals.js';
import { pathHandoff, playHandoff, seedSampleHandoffs } from './sample-workspace.handoffs.js';
import { INITIATIVES, PEOPLE } from './sample-workspace.data.js';
import { seedSampleHistory } from './sample-workspace.history.js';
import { seedSampleMetrics } from './sample-workspace.metrics.js';
import { seedSampleWeeklyUpdates } from './sample-workspace.updates.js';

const DAY = 24 * 3600_000;

export interface WorkspaceCredentials {
  email: string;
  password: string;
  role: string;
  side: string;
  name: string;
}

/**
 * Seeds the demo workspace. Idempotent: people and initiatives that exist (by email,
 * by title) are left alone; the weekly updates and the 90 days of health snapshots are
 * written for the initiatives created here. Passwords are generated here and returned once.
 * With onlyIfEmpty, does nothing when any initiative exists.
 */
export async function seedSampleWorkspace(
  ctx: AppContext,
  options: { onlyIfEmpty: boolean },
): Promise<{ credentials: WorkspaceCredentials[]; initiatives: number } | undefined> {
  if (options.onlyIfEmpty) {
    const any = await ctx.db.kysely.selectFrom('initiatives').select('id').executeTakeFirst();
    if (any) return undefined;
  }
  const credentials: WorkspaceCredentials[] = [];
  const actors = new Map<string, Actor>();
  for (const p of PEOPLE) {
    let user = await findUserByEmail(ctx, p.email);
    if (!user) {
      const password = randomBytes(12).toString('base64url');
      await createUser(ctx, null, {
        email: p.email,
        name: p.name,
        language: p.language,
        department: p.department,
        side: p.side,
        role: p.role,
        password,
      });
      credentials.push({ email: p.email, password, role: p.role, side: p.side, name: p.name });
      user = await findUserByEmail(ctx, p.email);
    }
    if (user) actors.set(p.key, { id: user.id, role: user.role, side: user.side, name: user.name });
  }
  const actor = (key: string): Actor => {
    const a = actors.get(key);
    if (!a) throw new Error(`demo person ${key} missing`);
    return a;
  };
  const stages = await listStages(ctx.db.kysely);
  const stageByKey = new Map(stages.map((s) => [s.key, s]));
  let created = 0;
  const createdIds: string[] = [];
  const realNow = ctx.now().getTime();
  for (const d of INITIATIVES) {
    const exists = await ctx.db.kysely
      .selectFrom('initiatives')
      .select('id')
      .where('title', '=', d.title)
      .executeTakeFirst();
    if (exists) continue;
    // Replay the initiative's history at past dates, so the activity feed tells a story.
    let t = realNow - d.startedDaysAgo * DAY;
    const at = (): AppContext => ({ ...ctx, now: () => new Date(t) });
    const owner = actor(d.business);
    let initiative = await createInitiative(at(), owner, {
      title: d.title,
      problem: d.problem,
      expectedBenefit: d.expectedBenefit,
      department: d.department,
      businessOwnerId: owner.id,
      itOwnerId: actor(d.it).id,
      businessDeputyId: d.businessDeputy ? actor(d.businessDeputy).id : null,
      itDeputyId: d.itDeputy ? actor(d.itDeputy).id : null,
      riskClass: d.riskClass,
      riskAnswers: d.riskAnswers,
      visibility: d.visibility,
      tags: d.tags,
    });
    for (const [key, role] of d.members) {
      t += 0.5 * DAY;
      initiative = await addMember(at(), owner, initiative.id, { userId: actor(key).id, role });
    }
    const step = Math.floor((d.startedDaysAgo - 5) / Math.max(1, d.path.length));
    // When the sides agreed on metrics and goals: halfway through the first stage (the
    // specification), so they are in place when building begins, as the health asks.
    let agreedAt: number | undefined;
    for (const [i, key] of d.path.entries()) {
      const stage = stageByKey.get(key);
      if (!stage) continue; // an admin renamed or removed the default stages
      t += step * DAY;
      const handoff = pathHandoff(d.title, key);
      if (handoff) {
        // This step goes through a handoff: submitted, perhaps returned, accepted.
        const clock = {
          at,
          advance: (days: number) => {
            t += days * DAY;
          },
          nowMs: () => t,
        };
        // It starts a week before the step, so the rest of the story keeps its dates.
        const stepAt = t;
        t -= 7 * DAY;
        await playHandoff(clock, actor, initiative.id, stage.id, handoff);
        t = Math.max(t, stepAt);
        initiative = await getInitiative(at(), owner, initiative.id);
      } else {
        const mover = stage.owningSide === 'it' ? actor(d.it) : owner;
        initiative = await moveStage(at(), mover, initiative.id, {
          version: initiative.version,
          stageId: stage.id,
          checklist: stage.checklist.map((c) => c.id),
          note: i === 0 ? 'Kick-off mit beiden Seiten durchgeführt.' : undefined,
        });
      }
      if (i === 0) agreedAt = t + Math.floor(step / 2) * DAY;
      if (i === 1) {
        t += 2 * DAY;
        initiative = await updateInitiative(at(), actor(d.it), initiative.id, {
          version: initiative.version,
          expectedBenefit: `${d.expectedBenefit} Messbar über gemeinsam vereinbarte Kennzahlen.`,
        });
      }
    }
    // Never after the last stage move (an initiative still in its first stage: at that move).
    const agreed = Math.min(agreedAt ?? t, t);
    t += DAY;
    const { ids: metricIds, pushHistory } = await seedSampleMetrics(
      agreed,
      at,
      { business: owner, it: actor(d.it) },
      initiative.id,
      d.metrics,
      realNow,
    );
    t += DAY;
    await seedSampleGoals(
      at,
      { business: owner, it: actor(d.it) },
      initiative.id,
      metricIds,
      d.goals,
      realNow,
      agreed,
    );
    await pushHistory();
    if (d.status !== 'paused')
      await seedSampleDemos(
        ctx,
        { business: owner, it: actor(d.it) },
        initiative.id,
        created,
        realNow,
      );
    await seedSampleHandoffs(ctx, actor, initiative.id, d.title, realNow);
    await seedSampleWeeklyUpdates(
      ctx,
      { business: owner, it: actor(d.it) },
      initiative.id,
      d.title,
      realNow,
    );
    if (d.status) {
      t += DAY;
      initiative = await updateInitiative(at(), owner, initiative.id, {
        version: initiative.version,
        status: d.status,
      });
    }
    created += 1;
    createdIds.push(initiative.id);
  }
  // The health of the last 90 days of the initiatives just created (the trend and "what
  // changed since last week"), as the daily job would have written it.
  await seedSampleHistory(ctx, createdIds, realNow);
  return { credentials, initiatives: created };
}
