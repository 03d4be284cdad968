import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isWebLink } from '../../../contracts/common.js';
import type { FeedbackItem, HeldDemo } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { DayInput } from '../../components/DateFields.js';
import { PersonChip } from '../../components/PersonChip.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { CommentThread } from '../conversation/CommentThread.js';
import { ConfidenceBadges } from './ConfidenceBadges.js';
import { useDemoQuery, useMakeActionMutation, useUpdateActionMutation } from './demos.queries.js';

/** One feedback item; with "make action item" (owner, due date) or the action's status. */
export function FeedbackRow({
  item,
  initiative,
  canEdit,
}: {
  item: FeedbackItem;
  initiative: Initiative;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const make = useMakeActionMutation(initiative.id);
  const update = useUpdateActionMutation(initiative.id);
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState('');
  const [comments, setComments] = useState(false);
  const a = item.action;
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="feedback-item">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge
              variant="light"
              color={
                item.kind === 'praise'
                  ? 'violet'
                  : item.kind === 'idea'
                    ? 'blue'
                    : item.kind === 'concern'
                      ? 'grape'
                      : 'dark'
              }
            >
              {t(`demos.kind.${item.kind}`)}
            </Badge>
            <Badge variant="dot" color={SIDE_COLOR[item.side]}>
              {item.author?.name ?? t(`side.${item.side}`)}
            </Badge>
          </Group>
          <Text size="sm">{item.text}</Text>
          {a ? (
            <Text size="xs" c={a.overdue ? 'grape' : 'dimmed'}>
              {t('demos.action.summary', {
                owner: a.owner?.name ?? '—',
                due: a.dueDate ? formatDay(fmt, a.dueDate) : '—',
                status: t(`demos.action.status.${a.status}`),
              })}
              {a.overdue ? ` · ${t('demos.action.overdue')}` : ''}
            </Text>
          ) : null}
        </Stack>
        {canEdit && !a ? (
          <Button size="xs" variant="light" onClick={() => setOpen((x) => !x)}>
            {t('demos.action.make')}
          </Button>
        ) : null}
        {canEdit && a && a.status !== 'done' ? (
          <Button
            size="xs"
            variant="light"
            loading={update.isPending}
            onClick={() => update.mutate({ feedbackId: item.id, body: { status: 'done' } })}
          >
            {t('demos.action.markDone')}
          </Button>
        ) : null}
      </Group>
      {open && !a ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!ownerId || !dueDate) return;
            make.mutate(
              { feedbackId: item.id, body: { ownerId, dueDate } },
              { onSuccess: () => setOpen(false) },
            );
          }}
        >
          <Group mt="xs" align="flex-end" gap="xs">
            <PersonSelect
              label={t('demos.action.owner')}
              people={initiative.members.map((m) => m.person)}
              value={ownerId}
              onChange={setOwnerId}
              required
            />
            <DayInput
              label={t('demos.action.due')}
              value={dueDate}
              onChange={setDueDate}
              required
            />
            <Button type="submit" size="sm" loading={make.isPending}>
              {t('demos.action.create')}
            </Button>
          </Group>
          {make.error ? <ProblemAlert error={make.error} /> : null}
        </form>
      ) : null}
      {a ? (
        <>
          <Anchor
            component="button"
            type="button"
            size="xs"
            mt={4}
            onClick={() => setComments((x) => !x)}
            aria-expanded={comments}
          >
            {t('conversation.comments')}
          </Anchor>
          {comments ? (
            <Stack mt="xs">
              <CommentThread subjectType="action_item" subjectId={item.id} />
            </Stack>
          ) : null}
        </>
      ) : null}
    </Paper>
  );
}

/** A held demo: presenter, attendance by side, votes, what was shown, feedback. */
export function DemoDetail({
  id,
  initiative,
  canEdit,
}: {
  id: string;
  initiative: Initiative;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const demo = useDemoQuery(id);
  if (demo.isPending) return <SkeletonRows rows={2} height={60} />;
  if (demo.isError) return <ProblemAlert error={demo.error} />;
  const d: HeldDemo = demo.data;
  return (
    <Stack gap="sm" data-testid="demo-detail">
      <Group gap="lg" align="flex-start">
        {d.presenter ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('demos.record.presenter')}
            </Text>
            <PersonChip person={d.presenter} />
          </Stack>
        ) : null}
        <ConfidenceBadges confidence={d.confidence} />
      </Group>
      <div>
        <Title order={4} fz="h6">
          {t('demos.record.attendance')}
        </Title>
        <Group gap="md" mt={4}>
          {d.attendees.map((a) => (
            <PersonChip
              key={a.person.id}
              person={{ ...a.person, side: a.side }}
              withSide
              detail={a.confidence ? t('demos.vote', { value: a.confidence }) : undefined}
            />
          ))}
        </Group>
      </div>
      {d.notes ? <Text size="sm">{d.notes}</Text> : null}
      {d.links.length ? (
        <Group gap="sm">
          {d.links.map((l) => (
            // Links stored before only http(s) was accepted are shown, not made clickable.
            <a
              key={l.url}
              href={isWebLink(l.url) ? l.url : undefined}
              target="_blank"
              rel="noreferrer noopener"
            >
              {l.title || l.url}
            </a>
          ))}
        </Group>
      ) : null}
      {d.goals.length ? (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {t('demos.record.goals')}:
          </Text>
          {d.goals.map((g) => (
            <Badge key={g.id} variant="outline" color="gray" tt="none">
              {g.statement}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Title order={4} fz="h6">
        {t('demos.feedback.title')}
      </Title>
      {d.feedback.length ? (
        d.feedback.map((f) => (
          <FeedbackRow key={f.id} item={f} initiative={initiative} canEdit={canEdit} />
        ))
      ) : (
        <Text size="sm" c="dimmed">
          {t('demos.feedback.none')}
        </Text>
      )}
      <CommentThread subjectType="demo" subjectId={id} />
    </Stack>
  );
}
