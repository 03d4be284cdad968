/**
 * My desk: everything that waits for the signed-in person now, demos of my initiatives in the
 * next 7 days, and my initiatives. It reads through the other modules' services and the one
 * read rule (visibility.service), and decides "may I sign this?" with the same function that
 * signing uses (agreementView → signRefusal), so a request shows only to people of the side
 * that must sign.
 */
import type { Desk, DeskDemo, DeskInitiative, DeskItem } from '../../../contracts/desk.js';
import type { HandoffSummary } from '../../../contracts/handoffs.js';
import { PERIOD_DAYS } from '../../../domain/health/rules-metrics.js';
import { healthLinkPath } from '../../../domain/health-messages.js';
import type { Side } from '../../../domain/sides.js';
import type { Actor, AppContext } from '../../context.js';
import { agreementView, loadVersions, signerOf } from '../agreements/agreements.service.js';
import { handoffsWaiting } from '../handoffs/handoffs.service.js';
import { listInitiatives } from '../initiatives/initiatives.service.js';
import { explainHealth } from '../health/health.service.js';
import { storedHealthOfMany } from '../health/stored-health.service.js';
import { currentWeek } from '../health/weekly-updates.service.js';
import { sidesWrittenBy } from '../../../domain/weekly-updates.js';
import {
  findMyDemos,
  findMyMemberships,
  findOpenActionItems,
  findOwnedMetrics,
  findSignableGoals,
  findSignableMetrics,
  findMyWeeklyUpdates,
} from './desk.repository.js';

const DAY_MS = 86_400_000;
const today = (now: Date) => now.toISOString().slice(0, 10);

/** `now` defaults to the app clock; the weekly digest passes its job's time. */
export async function myDesk(ctx: AppContext, actor: Actor, now: Date = ctx.now()): Promise<Desk> {
  const db = ctx.db.kysely;
  const [memberships, handoffs, goals, metrics, owned, actions, demos, mine, updates] =
    await Promise.all([
      findMyMemberships(db, actor),
      handoffsWaiting(ctx, actor),
      findSignableGoals(db, actor),
      findSignableMetrics(db, actor),
      findOwnedMetrics(db, actor),
      findOpenActionItems(db, actor),
      findMyDemos(db, actor, now, new Date(now.getTime() + 7 * DAY_MS)),
      listInitiatives(ctx, actor, { mine: 'true' }),
      findMyWeeklyUpdates(db, actor),
    ]);
  const roleIn = new Map(memberships.map((m) => [m.initiative_id, m.role]));

  const signatures: DeskItem[] = [];
  const [goalVersions, metricVersions] = await Promise.all([
    loadVersions(
      db,
      'goal',
      goals.map((g) => g.id),
    ),
    loadVersions(
      db,
      'metric',
      metrics.map((m) => m.id),
    ),
  ]);
  const signable = (versions: Parameters<typeof agreementView>[0], current: number, i: string) => {
    const view = agreementView(versions, current, signerOf(actor, roleIn.get(i)));
    // Only a side still waited for, and only when I may sign for it.
    const sides = view.waitingFor.filter((s) => view.mySignature[s] === null);
    const since = versions.find((v) => v.version === current)?.createdAt;
    return { sides, since };
  };
  for (const g of goals) {
    const { sides, since } = signable(
      goalVersions.get(g.id) ?? [],
      g.agreement_version,
      g.initiative_id,
    );
    if (sides.length === 0) continue;
    signatures.push({
      key: `goal_signature:${g.id}`,
      kind: 'goal_signature',
      initiative: { id: g.initiative_id, title: g.initiative_title },
      subject: g.statement,
      sides,
      since: since ?? g.updated_at,
      dueDate: g.due_date,
      overdue: g.due_date !== null && g.due_date < today(now),
      periodDays: null,
      link: healthLinkPath(g.initiative_id, { kind: 'goal', goalId: g.id }),
    });
  }
  for (const m of metrics) {
    const { sides, since } = signable(
      metricVersions.get(m.id) ?? [],
      m.definition_version,
      m.initiative_id,
    );
    if (sides.length === 0) continue;
    signatures.push({
      key: `metric_signature:${m.id}`,
      kind: 'metric_signature',
      initiative: { id: m.initiative_id, title: m.initiative_title },
      subject: m.name,
      sides,
      since: since ?? m.updated_at,
      dueDate: null,
      overdue: false,
      periodDays: null,
      link: healthLinkPath(m.initiative_id, { kind: 'metric', metricId: m.id }),
    });
  }

  const handoffItem = (
    h: HandoffSummary,
    kind: 'handoff_receive' | 'handoff_resubmit',
  ): DeskItem => ({
    key: `${kind}:${h.id}`,
    kind,
    initiative: { id: h.initiative.id, title: h.initiative.title },
    subject: h.title,
    sides: [h.receiverSide],
    since: (kind === 'handoff_receive' ? h.timings.submittedAt : null) ?? h.updatedAt,
    dueDate: h.dueDate,
    overdue: h.dueDate < today(now),
    periodDays: null,
    link: healthLinkPath(h.initiative.id, { kind: 'handoff', handoffId: h.id }),
  });
  const questions = handoffs.toAnswer.map((h): DeskItem => ({
    key: `question_answer:${h.id}`,
    kind: 'question_answer',
    initiative: { id: h.initiative.id, title: h.initiative.title },
    subject: h.title,
    // The side that asks is the receiving side; I answer for the other.
    sides: [h.receiverSide],
    since: new Date(now.getTime() - (h.timings.oldestOpenQuestionMs ?? 0)).toISOString(),
    dueDate: h.dueDate,
    overdue: h.dueDate < today(now),
    periodDays: null,
    link: healthLinkPath(h.initiative.id, { kind: 'handoff', handoffId: h.id }),
  }));

  const actionItems = actions.map((a): DeskItem => ({
    key: `action_item:${a.id}`,
    kind: 'action_item',
    initiative: { id: a.initiative_id, title: a.initiative_title },
    subject: a.text,
    sides: [],
    since: a.action_created_at ?? a.created_at,
    dueDate: a.action_due_date,
    overdue: a.action_due_date !== null && a.action_due_date < today(now),
    periodDays: null,
    link: healthLinkPath(a.initiative_id, {
      kind: 'actionItem',
      occurrenceId: a.occurrence_id,
      feedbackId: a.id,
    }),
  }));

  // Stale: an agreed metric I own with no data for longer than its period (since its last
  // data point, or since it was agreed when it never had any).
  const ownedVersions = await loadVersions(
    db,
    'metric',
    owned.map((m) => m.id),
  );
  const staleMetrics: DeskItem[] = [];
  for (const m of owned) {
    const view = agreementView(ownedVersions.get(m.id) ?? [], m.definition_version, {
      userId: actor.id,
      side: actor.side,
      orgRole: actor.role,
      memberRole: undefined,
    });
    if (!view.agreed) continue;
    const agreedAt = [view.business?.signedAt, view.it?.signedAt]
      .filter((s): s is string => !!s)
      .sort()
      .at(-1);
    const since =
      m.last_at !== null ? new Date(Number(m.last_at)).toISOString() : (agreedAt ?? m.created_at);
    const periodDays = PERIOD_DAYS[m.period];
    if (now.getTime() - Date.parse(since) <= periodDays * DAY_MS) continue;
    staleMetrics.push({
      key: `metric_stale:${m.id}`,
      kind: 'metric_stale',
      initiative: { id: m.initiative_id, title: m.initiative_title },
      subject: m.name,
      sides: ownerSides(m, actor.id),
      since,
      dueDate: null,
      overdue: true,
      periodDays,
      link: healthLinkPath(m.initiative_id, { kind: 'metric', metricId: m.id }),
    });
  }

  const bySince = (a: DeskItem, b: DeskItem) => a.since.localeCompare(b.since);
  const waiting = {
    signatures: signatures.sort(bySince),
    handoffs: [
      ...handoffs.toReceive.map((h) => handoffItem(h, 'handoff_receive')),
      ...handoffs.toResubmit.map((h) => handoffItem(h, 'handoff_resubmit')),
    ].sort(bySince),
    questions: questions.sort(bySince),
    actionItems,
    staleMetrics: staleMetrics.sort(bySince),
    updates: weeklyUpdatesToWrite(actor, updates, now),
  };
  const all = Object.values(waiting).flat();
  const perInitiative = new Map<string, number>();
  for (const item of all)
    perInitiative.set(item.initiative.id, (perInitiative.get(item.initiative.id) ?? 0) + 1);

  const current = mine.filter((i) => i.status === 'active' || i.status === 'paused');
  // From the stored health (recomputed only when stale), not from every fact loaded again.
  const health = new Map(
    (
      await storedHealthOfMany(
        ctx,
        actor,
        current.map((i) => i.id),
        now,
      )
    ).map((h) => [h.initiativeId, explainHealth(h)]),
  );
  const initiatives: DeskInitiative[] = current
    .map((i) => ({
      initiative: i,
      role: roleIn.get(i.id) ?? 'contributor',
      health: deskHealth(health.get(i.id)),
      waiting: perInitiative.get(i.id) ?? 0,
      link: `/initiatives/${encodeURIComponent(i.id)}`,
    }))
    .sort((a, b) => b.waiting - a.waiting || a.initiative.title.localeCompare(b.initiative.title));

  const deskDemos: DeskDemo[] = demos.map((d) => ({
    occurrenceId: d.id,
    initiative: { id: d.initiative_id, title: d.initiative_title },
    startsAt: d.starts_at,
    endsAt: d.ends_at,
    presenting: d.presenter_id === actor.id,
    link: healthLinkPath(d.initiative_id, { kind: 'demo', occurrenceId: d.id }),
  }));

  return {
    waiting,
    total: all.length,
    demos: deskDemos,
    initiatives,
    generatedAt: now.toISOString(),
  };
}

function ownerSides(m: { business_owner_id: string; it_owner_id: string }, me: string): Side[] {
  const sides: Side[] = [];
  if (m.business_owner_id === me) sides.push('business');
  if (m.it_owner_id === me) sides.push('it');
  return sides;
}

/** A pillar's Ampel, or `none` while it is not relevant yet in the initiative's stage. */
const pillarOf = (p: { ampel: 'green' | 'amber' | 'red'; applicable: boolean }) =>
  p.applicable ? p.ampel : ('none' as const);

function deskHealth(h: ReturnType<typeof explainHealth> | undefined): DeskInitiative['health'] {
  if (!h) return null;
  return {
    ampel: h.overall.ampel,
    score: h.overall.score,
    reason: h.overall.reason.text,
    href: h.overall.reason.href,
    pillars: {
      goals: pillarOf(h.pillars.goals),
      handoffs: pillarOf(h.pillars.handoffs),
      demos: pillarOf(h.pillars.demos),
      metrics: pillarOf(h.pillars.metrics),
    },
  };
}

/** A side's weekly update I may write and nobody wrote this week (company's ISO week). */
function weeklyUpdatesToWrite(
  actor: Actor,
  { initiatives, latest }: Awaited<ReturnType<typeof findMyWeeklyUpdates>>,
  now: Date,
): DeskItem[] {
  if (actor.role === 'viewer') return [];
  const week = currentWeek(now);
  const monday = new Date(now);
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const weekStart = monday.toISOString();
  const last = new Map(latest.map((l) => [`${l.initiative_id}:${l.side}`, l]));
  const items: DeskItem[] = [];
  for (const i of initiatives)
    for (const side of sidesWrittenBy(i, actor.id)) {
      const l = last.get(`${i.id}:${side}`);
      if (l?.week === week) continue;
      items.push({
        key: `weekly_update:${i.id}:${side}`,
        kind: 'weekly_update',
        initiative: { id: i.id, title: i.title },
        subject: week,
        sides: [side],
        // This week's update waits since the week began (or since the initiative did).
        since: [weekStart, i.created_at].sort().at(-1) ?? weekStart,
        dueDate: null,
        overdue: false,
        periodDays: 7,
        link: healthLinkPath(i.id, { kind: 'weeklyUpdate', side }),
      });
    }
  return items.sort((a, b) => a.since.localeCompare(b.since));
}
