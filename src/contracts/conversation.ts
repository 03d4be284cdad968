import { z } from 'zod';
import {
  COMMENT_MAX,
  COMMENT_SUBJECTS,
  EMAIL_STATES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
} from '../domain/conversation.js';
import { Id, PersonRef, Timestamp, text } from './common.js';

export const CommentSubject = z.enum(COMMENT_SUBJECTS);
export type CommentSubject = z.infer<typeof CommentSubject>;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** An earlier text of a comment. */
export const CommentRevision = z.object({
  body: z.string(),
  writtenAt: Timestamp,
  replacedBy: PersonRef.nullable(),
  replacedAt: Timestamp,
});
export type CommentRevision = z.infer<typeof CommentRevision>;

/** A comment as its readers see it; a deleted one keeps its place without its text. */
export const Comment = z
  .object({
    id: z.string(),
    subjectType: CommentSubject,
    subjectId: z.string(),
    author: PersonRef.nullable(),
    /** Markdown source; empty when deleted. */
    body: z.string(),
    mentions: z.array(PersonRef),
    version: z.number().int(),
    createdAt: Timestamp,
    editedAt: Timestamp.nullable(),
    deletedAt: Timestamp.nullable(),
    /** Earlier texts, oldest first (empty when deleted). */
    revisions: z.array(CommentRevision),
    canEdit: z.boolean(),
    canDelete: z.boolean(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

export const CommentParams = z.object({ type: CommentSubject, id: z.string().min(1) });

export const CreateCommentBody = z.object({
  body: text(COMMENT_MAX),
  /** The people mentioned (@Name in the text); each must be able to read the item. */
  mentions: z.array(Id).max(50).default([]),
});
export type CreateCommentBody = z.input<typeof CreateCommentBody>;

export const UpdateCommentBody = z.object({
  version: z.number().int(),
  body: text(COMMENT_MAX),
  mentions: z.array(Id).max(50).default([]),
});
export type UpdateCommentBody = z.input<typeof UpdateCommentBody>;

export const DeleteCommentBody = z.object({ version: z.number().int() });

/** People who may read the item: whom one can mention. */
export const MentionCandidates = z.array(PersonRef);

export const Notification = z
  .object({
    id: z.string(),
    kind: NotificationKind,
    title: z.string(),
    excerpt: z.string().nullable(),
    /** Web path of the item, e.g. /handoffs/… */
    link: z.string(),
    actor: PersonRef.nullable(),
    createdAt: Timestamp,
    readAt: Timestamp.nullable(),
    emailStatus: z.enum(EMAIL_STATES),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });

export const NotificationPreferences = z
  .object({
    /** false: no SMTP server configured, so nothing goes by email. */
    emailAvailable: z.boolean(),
    channels: z.record(NotificationKind, NotificationChannel),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdatePreferencesBody = z.object({
  channels: z.partialRecord(NotificationKind, NotificationChannel),
});
