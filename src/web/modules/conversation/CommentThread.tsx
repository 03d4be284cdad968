import { Anchor, Badge, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessageCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Comment, CommentSubject } from '../../../contracts/conversation.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PersonChip } from '../../components/PersonChip.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { useMeQuery } from '../../queries/session.js';
import { CommentComposer } from './CommentComposer.js';
import {
  useAddCommentMutation,
  useCommentsQuery,
  useDeleteCommentMutation,
  useEditCommentMutation,
} from './conversation.queries.js';
import { renderMarkdown } from './markdown.js';

function MarkdownBody({ source }: { source: string }) {
  // renderMarkdown: markdown-it without raw HTML, then DOMPurify.
  return (
    <div
      className="comment-body"
      // oxlint-disable-next-line react/no-danger -- sanitised by DOMPurify in renderMarkdown
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
}

function CommentItem({
  comment,
  subjectType,
  subjectId,
}: {
  comment: Comment;
  subjectType: CommentSubject;
  subjectId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [history, { toggle: toggleHistory }] = useDisclosure(false);
  const [confirm, { open: openConfirm, close: closeConfirm }] = useDisclosure(false);
  const edit = useEditCommentMutation(subjectType, subjectId);
  const remove = useDeleteCommentMutation(subjectType, subjectId);
  const location = useLocation();
  const anchor = `comment-${comment.id}`;
  const highlighted = location.hash === `#${anchor}`;

  return (
    <Paper
      id={anchor}
      withBorder
      p="sm"
      radius="md"
      style={highlighted ? { borderColor: 'var(--mantine-color-blue-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          {comment.author ? <PersonChip person={comment.author} /> : <span />}
          <Text size="xs" c="dimmed">
            {f.dateTime(comment.createdAt)}
            {comment.editedAt ? ` · ${t('conversation.edited')}` : ''}
          </Text>
        </Group>
        {comment.deletedAt ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('conversation.deleted')}
          </Text>
        ) : editing ? (
          <CommentComposer
            subjectType={subjectType}
            subjectId={subjectId}
            initialBody={comment.body}
            initialMentions={comment.mentions}
            submitLabel={t('conversation.save')}
            loading={edit.isPending}
            error={edit.error}
            onCancel={() => setEditing(false)}
            onSubmit={async (body, mentions) => {
              await edit.mutateAsync({
                commentId: comment.id,
                version: comment.version,
                body,
                mentions: mentions.map((m) => m.id),
              });
              setEditing(false);
            }}
          />
        ) : (
          <MarkdownBody source={comment.body} />
        )}
        {!comment.deletedAt && !editing && comment.mentions.length ? (
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {t('conversation.mentioned')}:
            </Text>
            {comment.mentions.map((p) => (
              <Badge key={p.id} variant="light" size="sm" tt="none">
                @{p.name}
              </Badge>
            ))}
          </Group>
        ) : null}
        {!editing && (comment.canEdit || comment.canDelete || comment.revisions.length) ? (
          <Group gap="xs">
            {comment.canEdit ? (
              <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
                {t('conversation.edit')}
              </Button>
            ) : null}
            {comment.canDelete ? (
              <Button size="compact-xs" variant="subtle" color="gray" onClick={openConfirm}>
                {t('conversation.delete')}
              </Button>
            ) : null}
            {comment.revisions.length ? (
              <Anchor component="button" type="button" size="xs" onClick={toggleHistory}>
                {t('conversation.history', { count: comment.revisions.length })}
              </Anchor>
            ) : null}
          </Group>
        ) : null}
        <Collapse expanded={history}>
          <Stack gap="xs" pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}>
            {comment.revisions.map((r) => (
              <div key={r.replacedAt + r.body}>
                <Text size="xs" c="dimmed">
                  {t('conversation.replacedAt', { when: f.dateTime(r.replacedAt) })}
                </Text>
                <MarkdownBody source={r.body} />
              </div>
            ))}
          </Stack>
        </Collapse>
      </Stack>
      <ConfirmModal
        opened={confirm}
        onClose={closeConfirm}
        onConfirm={() => remove.mutate(comment.id, { onSuccess: closeConfirm })}
        title={t('conversation.delete')}
        text={t('conversation.deleteConfirm')}
        confirmLabel={t('conversation.delete')}
        loading={remove.isPending}
        error={remove.error}
        destructive
      />
    </Paper>
  );
}

/** Comments on one thing of an initiative, oldest first, with a box to add one. */
export function CommentThread({
  subjectType,
  subjectId,
}: {
  subjectType: CommentSubject;
  subjectId: string;
}) {
  const { t } = useTranslation();
  // Viewers read only.
  const me = useMeQuery().data;
  const canWrite = Boolean(me) && me?.role !== 'viewer';
  const comments = useCommentsQuery(subjectType, subjectId);
  const add = useAddCommentMutation(subjectType, subjectId);
  const location = useLocation();
  const list = comments.data ?? [];

  // Arriving from a notification: scroll to the comment it points at.
  useEffect(() => {
    if (!location.hash.startsWith('#comment-') || !comments.data) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [location.hash, comments.data]);

  return (
    <Stack gap="sm" component="section" aria-label={t('conversation.comments')}>
      <Group gap="xs">
        <IconMessageCircle size={18} aria-hidden />
        <Title order={2} fz="h4">
          {t('conversation.comments')}
        </Title>
        {list.length ? (
          <Text size="sm" c="dimmed">
            {t('conversation.commentsCount', { count: list.length })}
          </Text>
        ) : null}
      </Group>
      {comments.isPending ? <SkeletonRows rows={2} /> : null}
      <ProblemAlert error={comments.error} onReload={() => void comments.refetch()} />
      {comments.data && list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('conversation.noComments')}
        </Text>
      ) : null}
      {list.map((c) => (
        <CommentItem key={c.id} comment={c} subjectType={subjectType} subjectId={subjectId} />
      ))}
      {canWrite ? (
        <CommentComposer
          subjectType={subjectType}
          subjectId={subjectId}
          submitLabel={t('conversation.send')}
          loading={add.isPending}
          error={add.error}
          onSubmit={(body, mentions) =>
            add.mutateAsync({ body, mentions: mentions.map((m) => m.id) })
          }
        />
      ) : null}
    </Stack>
  );
}
