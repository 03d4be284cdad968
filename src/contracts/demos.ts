import { z } from 'zod';
import {
  ACTION_STATUSES,
  CADENCE_INTERVALS,
  FEEDBACK_KINDS,
  OCCURRENCE_STATES,
} from '../domain/cadence.js';
import { line, PersonRef, Side, Timestamp, webLink } from './common.js';

export const CadenceInterval = z.enum(CADENCE_INTERVALS);
export type CadenceInterval = z.infer<typeof CadenceInterval>;
export const OccurrenceState = z.enum(OCCURRENCE_STATES);
export type OccurrenceState = z.infer<typeof OccurrenceState>;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

const day = z.iso.date('must be a date like 2026-11-27');
const time = z.string().regex(/^\d{2}:\d{2}$/, 'must be a time like 14:00');
const reason = z
  .string()
  .trim()
  .min(1, 'give the reason')
  .max(1000, 'must be at most 1000 characters');

export const Cadence = z
  .object({
    id: z.string(),
    interval: CadenceInterval,
    weekday: z.number().int(),
    weekOfMonth: z.number().int().nullable(),
    time: z.string(),
    durationMinutes: z.number().int(),
    timeZone: z.string(),
    startsOn: z.string(),
    location: z.string(),
    presenter: PersonRef.nullable(),
    invitees: z.array(PersonRef),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'DemoCadence' });
export type Cadence = z.infer<typeof Cadence>;

export const SetCadenceBody = z.object({
  /** The version you read; omit when the initiative has no cadence yet. */
  version: z.number().int().optional(),
  interval: CadenceInterval,
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z
    .number()
    .int()
    .min(1, 'must be 1 (Monday) to 7 (Sunday)')
    .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
  /** Monthly only: 1–4 for first…fourth, -1 for the last. */
  weekOfMonth: z.number().int().nullable().default(null),
  time,
  durationMinutes: z.number().int().default(60),
  timeZone: z.string().min(1).default('Europe/Berlin'),
  /** First day occurrences may fall on; defaults to today. */
  startsOn: day.optional(),
  location: line(500, 0).default(''),
  presenterId: z.string().min(1).nullable().default(null),
  inviteeIds: z.array(z.string().min(1)).max(200).default([]),
});
export type SetCadenceBody = z.input<typeof SetCadenceBody>;

export const Confidence = z.object({
  business: z.number().nullable(),
  it: z.number().nullable(),
  overall: z.number().nullable(),
  votes: z.number().int(),
  businessVotes: z.number().int(),
  itVotes: z.number().int(),
  divergent: z.boolean(),
});

export const Attendee = z.object({
  person: PersonRef,
  side: Side,
  /** The person's vote; always null in works-council mode (votes are anonymous). */
  confidence: z.number().int().nullable(),
});

export const ActionItem = z.object({
  owner: PersonRef.nullable(),
  dueDate: z.string().nullable(),
  status: ActionStatus,
  overdue: z.boolean(),
  createdAt: Timestamp,
  doneAt: Timestamp.nullable(),
});

export const FeedbackItem = z
  .object({
    id: z.string(),
    occurrenceId: z.string(),
    /** Local day of the demo the feedback was given at. */
    demoDate: z.string(),
    kind: FeedbackKind,
    text: z.string(),
    author: PersonRef.nullable(),
    side: Side,
    createdAt: Timestamp,
    action: ActionItem.nullable(),
  })
  .meta({ id: 'DemoFeedback' });
export type FeedbackItem = z.infer<typeof FeedbackItem>;

export const Occurrence = z
  .object({
    id: z.string(),
    initiativeId: z.string(),
    /** The day the cadence put it on; stays when moved. */
    ruleDate: z.string(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    /** Local date and time in the cadence's time zone. */
    localDate: z.string(),
    localTime: z.string(),
    timeZone: z.string(),
    state: OccurrenceState,
    moved: z.boolean(),
    reason: z.string().nullable(),
    sequence: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'DemoOccurrence' });
export type Occurrence = z.infer<typeof Occurrence>;

export const HeldDemo = Occurrence.extend({
  presenter: PersonRef.nullable(),
  attendees: z.array(Attendee),
  confidence: Confidence,
  notes: z.string(),
  links: z.array(z.object({ url: z.string(), title: z.string() })),
  goals: z.array(z.object({ id: z.string(), statement: z.string(), status: z.string() })),
  feedback: z.array(FeedbackItem),
  /** Open action items of the initiative, shown until done. */
  openActions: z.array(FeedbackItem),
  recordedBy: PersonRef.nullable(),
  recordedAt: Timestamp.nullable(),
}).meta({ id: 'DemoDetail' });
export type HeldDemo = z.infer<typeof HeldDemo>;

export const Adherence = z.object({
  windowDays: z.number().int(),
  planned: z.number().int(),
  held: z.number().int(),
  skipped: z.number().int(),
  missed: z.number().int(),
  rate: z.number().nullable(),
  lastHeldDay: z.string().nullable(),
  daysSinceLastHeld: z.number().int().nullable(),
  overdue: z.boolean(),
  overdueSince: z.string().nullable(),
  daysOverdue: z.number().int().nullable(),
});

export const DemoOverview = z
  .object({
    initiativeId: z.string(),
    cadence: Cadence.nullable(),
    upcoming: z.array(Occurrence),
    /** Past occurrences, newest first, with their confidence when held. */
    past: z.array(Occurrence.extend({ confidence: Confidence.nullable() })),
    openActions: z.array(FeedbackItem),
    adherence: Adherence,
    permissions: z.object({ edit: z.boolean() }),
  })
  .meta({ id: 'DemoOverview' });
export type DemoOverview = z.infer<typeof DemoOverview>;

export const MoveOccurrenceBody = z.object({
  version: z.number().int(),
  date: day,
  time,
  reason,
});
export const OccurrenceReasonBody = z.object({ version: z.number().int(), reason });

const link = z.object({
  url: webLink(),
  title: line(200, 0).default(''),
});

export const RecordDemoBody = z.object({
  version: z.number().int(),
  presenterId: z.string().min(1, 'must be chosen'),
  attendees: z
    .array(
      z.object({
        userId: z.string().min(1),
        /** "Will we reach the goal?" 1–5; null when the attendee did not vote. */
        confidence: z
          .number()
          .int('must be a whole number from 1 to 5')
          .min(1, 'must be from 1 to 5')
          .max(5, 'must be from 1 to 5')
          .nullable()
          .default(null),
      }),
    )
    .min(1, 'list who attended')
    .max(200),
  notes: z.string().trim().max(10_000, 'must be at most 10000 characters').default(''),
  links: z.array(link).max(50).default([]),
  goalIds: z.array(z.string().min(1)).max(50).default([]),
  feedback: z
    .array(
      z.object({
        kind: FeedbackKind,
        text: z.string().trim().min(1, 'must not be empty').max(2000),
        /** Defaults to the person recording. */
        authorId: z.string().min(1).optional(),
      }),
    )
    .max(200)
    .default([]),
});
export type RecordDemoBody = z.input<typeof RecordDemoBody>;

export const AddFeedbackBody = z.object({
  kind: FeedbackKind,
  text: z.string().trim().min(1, 'must not be empty').max(2000),
  authorId: z.string().min(1).optional(),
});
export type AddFeedbackBody = z.input<typeof AddFeedbackBody>;

export const ActionBody = z.object({
  ownerId: z.string().min(1, 'must be chosen'),
  dueDate: day,
  status: ActionStatus.default('open'),
});
export type ActionBody = z.input<typeof ActionBody>;

export const UpdateActionBody = z.object({
  ownerId: z.string().min(1).optional(),
  dueDate: day.optional(),
  status: ActionStatus.optional(),
});
export type UpdateActionBody = z.input<typeof UpdateActionBody>;

export const CalendarFeed = z
  .object({
    id: z.string(),
    initiative: z.object({ id: z.string(), title: z.string() }).nullable(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof CalendarFeed>;
export const NewCalendarFeed = CalendarFeed.extend({
  /** The secret subscription URL; shown only now. */
  url: z.string(),
  path: z.string(),
});
export type NewCalendarFeed = z.infer<typeof NewCalendarFeed>;
export const CreateFeedBody = z.object({
  /** null or omitted: all my demos. Creating again resets the link (the old one stops working). */
  initiativeId: z.string().min(1).nullable().default(null),
});
