import { describe, expect, it } from 'vitest';
import { ActivityPillar } from '../../contracts/audit.js';
import { SSO_REFUSALS } from '../../contracts/auth.js';
import { INVITE_EMAIL_OUTCOMES } from '../../contracts/users.js';
import { PERSONAL_TOKEN_ACCESS } from '../../domain/account-security.js';
import { OrgRole, Side } from '../../contracts/common.js';
import { DESK_ITEM_KINDS, DESK_SECTIONS } from '../../contracts/desk.js';
import { NotificationChannel, NotificationKind } from '../../contracts/conversation.js';
import {
  ActionStatus,
  CadenceInterval,
  FeedbackKind,
  OccurrenceState,
} from '../../contracts/demos.js';
import { GoalStatus, ProgressState } from '../../contracts/goals.js';
import {
  DeliverableKind,
  HandoffEvent,
  HandoffRole,
  HandoffState,
} from '../../contracts/handoffs.js';
import { MemberRole, RiskClass, Status, Visibility } from '../../contracts/initiatives.js';
import { Aggregation, Direction, Period, ValueType } from '../../contracts/metrics.js';
import { OwningSide } from '../../contracts/stages.js';
import { Ampel, HealthArea, OwnerView } from '../../contracts/collaboration-health.js';
import { WAITING_KINDS } from '../../contracts/portfolio.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../domain/health.js';
import { User } from '../../contracts/users.js';
import { RetentionKind } from '../../contracts/privacy.js';
import {
  CHANNEL_DELIVERY_STATUSES,
  CHANNEL_EVENTS,
  CHANNEL_KINDS,
  CHANNEL_TEST_EVENT,
} from '../../domain/channels.js';
import { FIELD_CODES, PROBLEM_CODES } from '../api/problems.js';
import { WEEKDAYS, WEEKS } from '../modules/demos/demo-format.js';
import { GATE_FIELDS } from '../modules/goals/goal-format.js';
import { GOAL_CODES } from '../modules/goals/GoalProblem.js';
import { HANDOFF_FIELD_PROBLEMS, HANDOFF_PROBLEMS } from '../modules/handoffs/handoff-problems.js';
import { CHANGE_FIELDS } from '../modules/initiatives/activity-format.js';
import { DEFINITION_FIELDS } from '../../contracts/metrics.js';
import {
  dynamicPatterns,
  keysOf,
  unusedKeys,
  type DynamicKey,
} from '../test-support/message-keys.js';
import { FEED_ACTIONS } from '../modules/initiatives/feed-actions.js';
import { isTestFile, webSources } from '../test-support/sources.js';
import { de, en } from './resources.js';

/**
 * Keys the code builds from a value at run time, so no quoted key names them. Every such
 * template literal in the sources must be listed here (the test finds them), and where the
 * values are a known list, a key for any other value counts as unused.
 */
const DYNAMIC: DynamicKey[] = [
  { pattern: 'side.{}', values: OwningSide.options, where: 'sides of people, stages, signatures' },
  { pattern: 'orgRole.{}', values: OrgRole.options, where: 'admin users, profile' },
  { pattern: 'auth.sso.refusal.{}', values: SSO_REFUSALS, where: 'auth/LoginPage' },
  {
    pattern: 'admin.users.inviteEmail.{}',
    values: INVITE_EMAIL_OUTCOMES,
    where: 'admin/InviteLinkModal',
  },
  {
    pattern: 'profile.tokens.accessLabel.{}',
    values: PERSONAL_TOKEN_ACCESS,
    where: 'profile/PersonalTokensSection',
  },
  { pattern: 'orgRoleHint.{}', values: OrgRole.options, where: 'admin/UserFormModal' },
  { pattern: 'memberRole.{}', values: MemberRole.options, where: 'members tab, activity' },
  { pattern: 'status.{}', values: Status.options, where: 'initiative status badge, filters' },
  { pattern: 'visibility.{}', values: Visibility.options, where: 'initiative overview, activity' },
  { pattern: 'risk.class.{}', values: RiskClass.options, where: 'risk badge, questionnaire' },
  { pattern: 'risk.badge.{}', values: RiskClass.options, where: 'risk badge, questionnaire' },
  { pattern: 'problem.{}', values: PROBLEM_CODES, where: 'api/problems.ts problemMessage' },
  { pattern: 'serverError.{}', values: FIELD_CODES, where: 'api/problems.ts fieldMessage' },
  {
    pattern: 'activity.action.{}',
    values: FEED_ACTIONS,
    where: 'initiatives/activity-sentences.ts: every audit action an initiative feed shows',
  },
  { pattern: 'activity.field.{}', values: CHANGE_FIELDS, where: 'initiatives/activity-format.ts' },
  {
    pattern: 'activity.pillar.{}',
    values: ['all', ...ActivityPillar.options],
    where: 'initiatives/ActivityTab.tsx: the pillar filter',
  },
  { pattern: 'activity.forSide.{}', values: Side.options, where: 'activity-sentences.ts' },
  {
    pattern: 'initiative.tabs.{}',
    values: ['overview', 'members', 'metrics', 'activity'],
    where: 'InitiativePage TABS (goals, handoffs and demos use their module’s tab key)',
  },
  {
    pattern: 'health.ampel.{}',
    values: Ampel.options,
    where: 'health/AmpelBadge, panel, heat map',
  },
  { pattern: 'health.areas.{}', values: HealthArea.options, where: 'health panel, heat map' },
  {
    pattern: 'healthAdmin.groups.{}',
    values: Object.keys(DEFAULT_HEALTH_THRESHOLDS),
    where: 'HealthThresholdsPage',
  },
  {
    pattern: 'healthAdmin.units.{}',
    values: ['days', 'percent', 'points', 'count', 'steps', 'votes', 'periods'],
    where: 'HealthThresholdsPage (ThresholdUnit)',
  },
  { pattern: 'weekly.views.{}', values: OwnerView.options, where: 'health/WeeklyUpdateCard' },
  { pattern: 'weekly.sides.{}', values: Side.options, where: 'WeeklyUpdateCard, portfolio' },
  { pattern: 'portfolio.waitingFrom.{}', values: Side.options, where: 'WaitingList' },
  {
    pattern: 'portfolio.waiting.{}',
    values: WAITING_KINDS.flatMap((k) => [`${k}_one`, `${k}_other`]),
    where: 'health/PortfolioPage (plural: count)',
  },
  { pattern: 'privacy.admin.kinds.{}', values: RetentionKind.options, where: 'PrivacyAdminPage' },
  { pattern: 'admin.users.stateValue.{}', values: User.shape.state.options, where: 'UsersPage' },
  { pattern: 'channels.kinds.{}', values: CHANNEL_KINDS, where: 'channel form and cards' },
  { pattern: 'channels.urlHint.{}', values: CHANNEL_KINDS, where: 'channel form' },
  {
    pattern: 'channels.eventNames.{}',
    values: [...CHANNEL_EVENTS, CHANNEL_TEST_EVENT],
    where: 'channel form, cards and deliveries',
  },
  { pattern: 'channels.status.{}', values: CHANNEL_DELIVERY_STATUSES, where: 'DeliveriesTable' },
  {
    pattern: 'metrics.import.pick.{}',
    values: ['at', 'value', 'note', 'source'],
    where: 'ImportCsvModal column pickers',
  },
  { pattern: 'metrics.field.{}', values: DEFINITION_FIELDS, where: 'useDefinitionText' },
  { pattern: 'metrics.valueType.{}', values: ValueType.options, where: 'metric form, texts' },
  { pattern: 'metrics.valueTypeHint.{}', values: ValueType.options, where: 'MetricFormModal' },
  { pattern: 'metrics.direction.{}', values: Direction.options, where: 'metrics and goals' },
  { pattern: 'metrics.aggregation.{}', values: Aggregation.options, where: 'metrics' },
  { pattern: 'metrics.aggregationHint.{}', values: Aggregation.options, where: 'metric form' },
  { pattern: 'metrics.period.{}', values: Period.options, where: 'metrics' },
  { pattern: 'metrics.periodHint.{}', values: Period.options, where: 'metric form' },
  { pattern: 'metrics.periodOf.{}', values: Period.options, where: 'metrics and goals' },
  {
    pattern: 'metrics.agreement.why.{}',
    values: ['not_member', 'already_signed', 'stale_version'],
    where: 'SignatureSlots refusalText (wrong_side is quoted there)',
  },
  { pattern: 'goals.status.{}', values: GoalStatus.options, where: 'GoalBadges, goals list' },
  { pattern: 'goals.state.{}', values: ProgressState.options, where: 'GoalBadges' },
  { pattern: 'goals.problem.{}', values: GOAL_CODES, where: 'GoalProblem goalProblemMessage' },
  { pattern: 'goals.field.{}', where: 'goal form, history, terms: the goal’s fields' },
  { pattern: 'goals.form.targetHint.{}', values: Direction.options, where: 'GoalFormModal' },
  { pattern: 'goals.gate.missing.{}', values: GATE_FIELDS, where: 'goal-format gateMessage' },
  { pattern: 'goals.gate.ok.{}', values: GATE_FIELDS, where: 'goal-format gateChecklist' },
  { pattern: 'goals.gate.wrongDirection.{}', values: Direction.options, where: 'gateMessage' },
  { pattern: 'goals.list.filters.waiting.{}', values: Side.options, where: 'GoalsListPage' },
  { pattern: 'handoffs.state.{}', values: HandoffState.options, where: 'HandoffBits' },
  { pattern: 'handoffs.kind.{}', values: DeliverableKind.options, where: 'handoff form, page' },
  { pattern: 'handoffs.role.{}', values: HandoffRole.options, where: 'HandoffPage' },
  {
    pattern: 'handoffs.event.{}',
    values: [...HandoffEvent.shape.type.options, 'resubmitted'],
    where: 'HandoffTimeline (a second submission reads “resubmitted”)',
  },
  { pattern: 'handoffs.problem.{}', values: HANDOFF_PROBLEMS, where: 'handoff-problems.ts' },
  { pattern: 'handoffs.field.{}', values: HANDOFF_FIELD_PROBLEMS, where: 'handoff-problems.ts' },
  { pattern: 'demos.state.{}', values: OccurrenceState.options, where: 'DemosTab' },
  { pattern: 'demos.kind.{}', values: FeedbackKind.options, where: 'feedback in demos' },
  { pattern: 'demos.action.status.{}', values: ActionStatus.options, where: 'DemoDetail' },
  { pattern: 'demos.interval.{}', values: CadenceInterval.options, where: 'cadence' },
  { pattern: 'demos.weekOfMonth.{}', values: WEEKS, where: 'cadence (demo-format weekKey)' },
  { pattern: 'demos.weekday.{}', values: WEEKDAYS, where: 'cadence (demo-format weekdayKey)' },
  { pattern: 'inbox.kind.{}', values: NotificationKind.options, where: 'inbox and settings' },
  {
    pattern: 'inbox.prefs.channel.{}',
    values: NotificationChannel.options,
    where: 'NotificationSettings',
  },
  ...(['title', 'text', 'placeholder', 'confirm'] as const).map((part) => ({
    pattern: `demos.change.{}.${part}`,
    values: ['move', 'skip', 'cancel'],
    where: 'OccurrenceChangeModal (ChangeKind)',
  })),
  { pattern: 'desk.item.{}', values: DESK_ITEM_KINDS, where: 'DeskPage ItemCard' },
  { pattern: 'desk.section.{}', values: DESK_SECTIONS, where: 'DeskPage Section' },
  { pattern: 'desk.role.{}', values: MemberRole.options, where: 'DeskPage Initiatives' },
  {
    pattern: 'desk.ampel.{}',
    values: ['green', 'amber', 'red', 'none'],
    where: 'DeskPage HealthLine',
  },
  {
    pattern: 'desk.pillar.{}',
    values: ['goals', 'handoffs', 'demos', 'metrics'],
    where: 'DeskPage HealthLine',
  },
];

/** The app's code: no tests, no message files (they define keys, they do not use them). */
const appSources = [...webSources]
  .filter(([path]) => !isTestFile(path) && !/messages\.[a-z]{2}\.ts$/.test(path))
  .map(([, text]) => text);

const messageFiles = import.meta.glob<Record<string, Record<string, unknown>>>(
  ['../**/messages.en.ts', '../**/messages.de.ts'],
  { eager: true },
);

describe('messages', () => {
  it('uses every key: quoted in the code, or built by a listed dynamic pattern', () => {
    const keys = keysOf(en);
    expect(keys.length).toBeGreaterThan(1000);
    expect(unusedKeys(keys, appSources, DYNAMIC)).toEqual([]);
  });

  it('lists every key the code builds at run time, and nothing stale', () => {
    const found = [...dynamicPatterns(appSources, new Set(Object.keys(en)))].sort();
    expect(found).toEqual(DYNAMIC.map((d) => d.pattern).sort());
  });

  it('finds an unused key, a plural in use, and dynamic keys beyond their values', () => {
    const keys = keysOf({
      goals: {
        title: 'Goals',
        count_one: '{{count}} goal',
        count_other: '{{count}} goals',
        status: { draft: 'Draft', agreed: 'Agreed', archived: 'Archived' },
        forgotten: 'Nobody says this',
      },
    });
    const code = [
      "t('goals.title'); t('goals.count', { count }); t(`goals.status.${status}`);",
      'const label = "goals.count";',
    ];
    const dynamic = [{ pattern: 'goals.status.{}', values: ['draft', 'agreed'], where: '' }];
    expect(unusedKeys(keys, code, dynamic)).toEqual(['goals.status.archived', 'goals.forgotten']);
    expect(unusedKeys(keys, code, [{ pattern: 'goals.status.{}', where: '' }])).toEqual([
      'goals.forgotten',
    ]);
    expect([...dynamicPatterns(code, new Set(['goals']))]).toEqual(['goals.status.{}']);
  });

  it('gives every top-level key to exactly one message file, all of them in the resources', () => {
    for (const lang of ['en', 'de'] as const) {
      const owners = new Map<string, string[]>();
      for (const [path, file] of Object.entries(messageFiles)) {
        const messages = file[lang];
        if (!messages) continue;
        for (const key of Object.keys(messages))
          owners.set(key, [...(owners.get(key) ?? []), path]);
      }
      const shared = [...owners].filter(([, paths]) => paths.length > 1);
      expect(shared).toEqual([]);
      expect([...owners.keys()].sort()).toEqual(Object.keys(lang === 'en' ? en : de).sort());
    }
    expect(Object.keys(messageFiles).length).toBeGreaterThanOrEqual(20);
  });
});
