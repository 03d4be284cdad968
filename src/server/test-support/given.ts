import type { LightMyRequestResponse } from 'fastify';
import type { NotificationPreferences } from '../../contracts/conversation.js';
import type { GoalDetail } from '../../contracts/goals.js';
import type { CreateHandoffBody, Handoff } from '../../contracts/handoffs.js';
import type { CreateInitiativeBody, Initiative } from '../../contracts/initiatives.js';
import type { CreatedToken, CreateMetricBody, Metric } from '../../contracts/metrics.js';
import type { NewCalendarFeed, SetCadenceBody } from '../../contracts/demos.js';
import type { Stage } from '../../contracts/stages.js';
import type { AssignableMemberRole } from '../../domain/access.js';
import type { Side } from '../../domain/sides.js';
import type { TestUser } from './test-app.js';

/**
 * Typed builders for API tests: the set-up every test file needs, said in one line
 * (`given.initiative({ businessOwner: bea, itOwner: ian })`, `given.agreedMetric(…)`). Each
 * goes through the API like a user would, and throws with the answer when a step fails, so a
 * broken set-up is not mistaken for a failing test.
 */
type Inject = (opts: {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  user?: TestUser | undefined;
  body?: unknown;
}) => Promise<LightMyRequestResponse>;

export interface InitiativeSpec extends Partial<
  Omit<CreateInitiativeBody, 'businessOwnerId' | 'itOwnerId' | 'stageId'>
> {
  businessOwner: TestUser;
  itOwner: TestUser;
  businessDeputy?: TestUser;
  itDeputy?: TestUser;
  /** Who registers it; the business owner unless said. */
  by?: TestUser;
  /** The stage it starts in, by key (`build`); the first stage unless said. */
  stage?: string;
  /** Put on the team after creation, as contributors unless said. */
  members?: (TestUser | { user: TestUser; role: AssignableMemberRole })[];
}

export interface MetricSpec extends Partial<
  Omit<CreateMetricBody, 'businessOwnerId' | 'itOwnerId'>
> {
  businessOwner: TestUser;
  itOwner: TestUser;
  /** Who defines it; the business owner unless said. */
  by?: TestUser;
}

export interface GoalSpec {
  /** Who starts it (and proposes it). */
  by: TestUser;
  statement?: string;
  rationale?: string;
  metric?: { id: string } | null;
  baselineValue?: number | null;
  baselineDate?: string | null;
  targetValue?: number | null;
  dueDate?: string | null;
  businessResponsible?: TestUser | null;
  itResponsible?: TestUser | null;
}

export interface HandoffSpec extends Partial<
  Omit<CreateHandoffBody, 'toStageId' | 'receiverId' | 'senderId'>
> {
  /** Who starts it: the sender unless `sender` is said. */
  by: TestUser;
  sender?: TestUser;
  receiver: TestUser;
  /** The target stage by key (`build`), or null for a handoff within the stage. */
  toStage: string | null;
}

/**
 * The terms that make a goal measurable, so it can be proposed: measured by `metric` from a
 * baseline on 1 November 2026 to a target by 31 March 2027, both sides responsible, started
 * by the business side unless said.
 */
export const measurableGoal = (
  metric: { id: string },
  business: TestUser,
  it: TestUser,
  over: Partial<GoalSpec> = {},
): GoalSpec => ({
  by: business,
  metric,
  baselineValue: 4,
  baselineDate: '2026-11-01',
  targetValue: 8,
  dueDate: '2027-03-31',
  businessResponsible: business,
  itResponsible: it,
  ...over,
});

/**
 * A weekly demo on Thursdays at 14:00 (Berlin) for 45 minutes in Room 1, from Thursday
 * 26 November 2026: `presenter` shows it to `invitees`.
 */
export const weeklyDemo = (
  presenter: { id: string },
  invitees: { id: string }[],
  over: Partial<SetCadenceBody> = {},
): SetCadenceBody => ({
  interval: 'weekly',
  weekday: 4,
  time: '14:00',
  durationMinutes: 45,
  startsOn: '2026-11-26',
  location: 'Room 1',
  presenterId: presenter.id,
  inviteeIds: invitees.map((i) => i.id),
  ...over,
});

/** An initiative only its team may see (for what must not show up elsewhere). */
export const MEMBERS_ONLY = {
  title: 'Works council secret',
  department: 'HR',
  visibility: 'members',
} as const satisfies Partial<InitiativeSpec>;

/** The metric the builders define unless told otherwise (for raw requests too). */
export const A_METRIC = {
  name: 'Closed leads',
  description: 'Leads marked "won" in the CRM, counted per week.',
  dataSource: 'CRM report "Won leads"',
  unit: 'leads',
  valueType: 'integer',
  direction: 'higher_is_better',
  aggregation: 'sum',
  period: 'week',
} as const satisfies Partial<CreateMetricBody>;

export function givenFor(inject: Inject) {
  const call = async <T>(
    what: string,
    expected: number,
    opts: Parameters<Inject>[0],
  ): Promise<T> => {
    const res = await inject(opts);
    if (res.statusCode !== expected)
      throw new Error(`given: ${what} answered ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  const sign = <T>(
    kind: 'metrics' | 'goals',
    subject: { id: string; agreement: { currentVersion: number } },
    user: TestUser,
    side: Side,
  ) =>
    call<T>(`signing ${kind}`, 200, {
      method: 'POST',
      url: `/api/${kind}/${subject.id}/signatures`,
      user,
      body: { version: subject.agreement.currentVersion, side },
    });
  const stageId = async (key: string, user: TestUser): Promise<string> => {
    // Read every time: tests rename, add and reorder stages.
    const stages = await call<Stage[]>('the stages', 200, {
      method: 'GET',
      url: '/api/stages',
      user,
    });
    const stage = stages.find((s) => s.key === key);
    if (!stage) throw new Error(`given: no stage with key ${key}`);
    return stage.id;
  };

  const given = {
    /** Puts someone on an initiative's team (by one of its owners). */
    member: (
      initiative: { id: string },
      by: TestUser,
      user: TestUser,
      role: AssignableMemberRole = 'contributor',
    ) =>
      call<Initiative>('adding a member', 201, {
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/members`,
        user: by,
        body: { userId: user.id, role },
      }),

    /** An initiative with both owners (and deputies, members) on its team. */
    initiative: async (spec: InitiativeSpec): Promise<Initiative> => {
      const {
        businessOwner,
        itOwner,
        businessDeputy,
        itDeputy,
        by = businessOwner,
        stage,
        members = [],
        ...over
      } = spec;
      let initiative = await call<Initiative>('creating an initiative', 201, {
        method: 'POST',
        url: '/api/initiatives',
        user: by,
        body: {
          title: 'Lead generator',
          problem: 'Leads wait days for a call back.',
          expectedBenefit: 'More closed leads per week.',
          department: 'Sales',
          riskClass: 'minimal',
          ...over,
          businessOwnerId: businessOwner.id,
          itOwnerId: itOwner.id,
          ...(businessDeputy ? { businessDeputyId: businessDeputy.id } : {}),
          ...(itDeputy ? { itDeputyId: itDeputy.id } : {}),
          ...(stage ? { stageId: await stageId(stage, by) } : {}),
        },
      });
      for (const m of members) {
        const { user, role } = 'user' in m ? m : { user: m, role: 'contributor' as const };
        initiative = await given.member(initiative, businessOwner, user, role);
      }
      return initiative;
    },

    /** A metric definition (version 1), not signed yet. */
    metric: (initiative: { id: string }, spec: MetricSpec): Promise<Metric> => {
      const { businessOwner, itOwner, by = businessOwner, ...over } = spec;
      return call<Metric>('defining a metric', 201, {
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/metrics`,
        user: by,
        body: {
          ...A_METRIC,
          ...over,
          businessOwnerId: businessOwner.id,
          itOwnerId: itOwner.id,
        },
      });
    },

    /** Signs a metric's current version for the signer's side. */
    signMetric: (metric: Metric, user: TestUser, side: Side) =>
      sign<Metric>('metrics', metric, user, side),

    /** A metric both its owners signed. */
    agreedMetric: async (initiative: { id: string }, spec: MetricSpec): Promise<Metric> => {
      const metric = await given.metric(initiative, spec);
      await given.signMetric(metric, spec.businessOwner, 'business');
      return given.signMetric(metric, spec.itOwner, 'it');
    },

    /** Values entered by hand. */
    measurements: async (
      metric: { id: string },
      by: TestUser,
      points: { at: string; value: number; note?: string }[],
    ): Promise<void> => {
      for (const body of points)
        await call('entering a value', 201, {
          method: 'POST',
          url: `/api/metrics/${metric.id}/measurements`,
          user: by,
          body,
        });
    },

    /** An API token for machines that push measurements (owners and deputies create them). */
    apiToken: (initiative: { id: string }, by: TestUser, name = 'ticket-bot') =>
      call<CreatedToken>('creating an API token', 201, {
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/tokens`,
        user: by,
        body: { name },
      }),

    /** A goal as a draft (everything but the statement may be missing). */
    goal: (initiative: { id: string }, spec: GoalSpec): Promise<GoalDetail> =>
      call<GoalDetail>('starting a goal', 201, {
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/goals`,
        user: spec.by,
        body: {
          statement: spec.statement ?? 'Close more leads per week',
          rationale: spec.rationale ?? '',
          metricId: spec.metric === undefined ? null : (spec.metric?.id ?? null),
          baselineValue: spec.baselineValue ?? null,
          baselineDate: spec.baselineDate ?? null,
          targetValue: spec.targetValue ?? null,
          dueDate: spec.dueDate ?? null,
          businessResponsibleId: spec.businessResponsible?.id ?? null,
          itResponsibleId: spec.itResponsible?.id ?? null,
        },
      }),

    /** A goal proposed for signing (it must be measurable). */
    proposedGoal: async (initiative: { id: string }, spec: GoalSpec): Promise<GoalDetail> => {
      const draft = await given.goal(initiative, spec);
      return call<GoalDetail>('proposing a goal', 200, {
        method: 'POST',
        url: `/api/goals/${draft.id}/propose`,
        user: spec.by,
        body: { version: draft.version },
      });
    },

    /**
     * A measurable goal (`measurableGoal` with `over`) on a new metric both owners signed,
     * proposed by the business owner.
     */
    proposedGoalOnAgreedMetric: async (
      initiative: { id: string },
      business: TestUser,
      it: TestUser,
      over: Partial<GoalSpec> = {},
    ): Promise<GoalDetail> => {
      const metric = await given.agreedMetric(initiative, { businessOwner: business, itOwner: it });
      return given.proposedGoal(initiative, measurableGoal(metric, business, it, over));
    },

    /** Signs a goal's current version for the signer's side. */
    signGoal: (goal: GoalDetail, user: TestUser, side: Side) =>
      sign<GoalDetail>('goals', goal, user, side),

    /** A goal both sides signed: `business` and `it` sign. */
    agreedGoal: async (
      initiative: { id: string },
      spec: GoalSpec & { business: TestUser; it: TestUser },
    ): Promise<GoalDetail> => {
      const proposed = await given.proposedGoal(initiative, spec);
      await given.signGoal(proposed, spec.business, 'business');
      return given.signGoal(proposed, spec.it, 'it');
    },

    /** A handoff as a draft. */
    handoff: async (initiative: { id: string }, spec: HandoffSpec): Promise<Handoff> => {
      const { by, sender, receiver, toStage, ...over } = spec;
      return call<Handoff>('starting a handoff', 201, {
        method: 'POST',
        url: `/api/initiatives/${initiative.id}/handoffs`,
        user: by,
        body: {
          title: 'Specification for the lead generator',
          dueDate: '2026-12-04',
          deliverables: [
            { title: 'Lastenheft v1', kind: 'specification', link: 'https://wiki.example/spec' },
          ],
          ...over,
          toStageId: toStage === null ? null : await stageId(toStage, by),
          receiverId: receiver.id,
          ...(sender ? { senderId: sender.id } : {}),
        },
      });
    },

    /** A handoff with its whole checklist checked, submitted to the receiver. */
    submittedHandoff: async (initiative: { id: string }, spec: HandoffSpec): Promise<Handoff> => {
      const draft = await given.handoff(initiative, spec);
      const checked = await call<Handoff>('checking the checklist', 200, {
        method: 'PATCH',
        url: `/api/handoffs/${draft.id}`,
        user: spec.by,
        body: { version: draft.version, checked: draft.checklist.map((c) => c.id) },
      });
      return call<Handoff>('submitting a handoff', 200, {
        method: 'POST',
        url: `/api/handoffs/${draft.id}/submit`,
        user: spec.by,
        body: { version: checked.version },
      });
    },

    /** A question on a submitted handoff (the receiver asks the sender). */
    question: (handoff: Handoff, by: TestUser, text: string) =>
      call<Handoff>('asking a question', 200, {
        method: 'POST',
        url: `/api/handoffs/${handoff.id}/questions`,
        user: by,
        body: { version: handoff.version, text },
      }),

    /** Someone's notification channels, e.g. `{ weekly_digest: 'off' }`. */
    notificationChannels: (
      user: TestUser,
      channels: Partial<NotificationPreferences['channels']>,
    ) =>
      call('setting notification channels', 200, {
        method: 'PUT',
        url: '/api/notifications/preferences',
        user,
        body: { channels },
      }),

    /** A demo cadence: every two weeks on Thursday at 14:00 Berlin time unless said. */
    cadence: (initiative: { id: string }, by: TestUser, over: Partial<SetCadenceBody> = {}) =>
      call('setting a demo cadence', 200, {
        method: 'PUT',
        url: `/api/initiatives/${initiative.id}/demo-cadence`,
        user: by,
        body: { interval: 'every_2_weeks', weekday: 4, time: '14:00', ...over },
      }),

    /** A secret calendar feed link: all my demos, or one initiative's. */
    calendarFeed: (by: TestUser, initiative?: { id: string }) =>
      call<NewCalendarFeed>('creating a calendar feed', 201, {
        method: 'POST',
        url: '/api/calendar-feeds',
        user: by,
        body: initiative ? { initiativeId: initiative.id } : {},
      }),
  };
  return given;
}

export type Given = ReturnType<typeof givenFor>;
