import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handoff, HandoffQuestion } from '../../../contracts/handoffs.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import { TextDialog } from './HandoffDialogs.js';
import { type HandoffCommand, useHandoffCommandMutation } from './handoffs.queries.js';
import { notifications } from '@mantine/notifications';

function Question({
  q,
  onAnswer,
  onWithdraw,
}: {
  q: HandoffQuestion;
  onAnswer: () => void;
  onWithdraw: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const side = q.askedBy?.side ?? 'business';
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="li"
      style={{ borderLeft: `4px solid var(--mantine-color-${SIDE_COLOR[side]}-6)` }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            {q.askedBy ? <PersonAvatar person={q.askedBy} size={22} /> : null}
            <Text size="xs" c="dimmed">
              {t('handoffs.questions.askedBy', {
                name: q.askedBy?.name ?? '?',
                when: fmt.dateTime(q.askedAt),
              })}
            </Text>
          </Group>
          {q.state === 'open' ? (
            <Badge color="grape" variant="light" radius="sm">
              {t('handoffs.questions.open')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {q.text}
        </Text>
        {q.state === 'answered' && q.answeredBy ? (
          <Paper
            radius="sm"
            p="xs"
            ml="lg"
            bg="var(--mantine-color-default-hover)"
            style={{
              borderLeft: `3px solid var(--mantine-color-${SIDE_COLOR[q.answeredBy.side]}-6)`,
            }}
          >
            <Group gap="xs" wrap="nowrap" mb={4}>
              <PersonAvatar person={q.answeredBy} size={20} />
              <Text size="xs" c="dimmed">
                {t('handoffs.questions.answeredBy', {
                  name: q.answeredBy.name,
                  when: fmt.dateTime(q.answeredAt ?? q.askedAt),
                })}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {q.answer}
            </Text>
          </Paper>
        ) : null}
        {q.state === 'withdrawn' ? (
          <Text size="xs" c="dimmed" fs="italic">
            {t('handoffs.questions.withdrawn', { when: fmt.dateTime(q.withdrawnAt ?? q.askedAt) })}
          </Text>
        ) : null}
        {q.canAnswer || q.canWithdraw ? (
          <Group gap="xs">
            {q.canAnswer ? (
              <Button size="xs" onClick={onAnswer}>
                {t('handoffs.questions.answer')}
              </Button>
            ) : null}
            {q.canWithdraw ? (
              <Button size="xs" variant="default" onClick={onWithdraw}>
                {t('handoffs.questions.withdraw')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The question-and-answer thread; open questions block acceptance. */
export function QuestionThread({ handoff, onReload }: { handoff: Handoff; onReload: () => void }) {
  const { t } = useTranslation();
  const command = useHandoffCommandMutation(handoff.id);
  const [answering, setAnswering] = useState<HandoffQuestion | null>(null);
  const run = (c: HandoffCommand, message: string, done?: () => void) =>
    command.mutate(c, {
      onSuccess: () => {
        notifications.show({ message, color: 'blue' });
        done?.();
      },
    });
  const closed = handoff.state === 'accepted' || handoff.state === 'withdrawn';
  return (
    <section aria-labelledby="handoff-questions">
      <Group gap="xs" mb="sm">
        <IconMessageQuestion size={18} aria-hidden />
        <Title order={2} fz="h4" id="handoff-questions">
          {t('handoffs.questions.title')}
        </Title>
      </Group>
      {handoff.timings.openQuestions > 0 ? (
        <Text size="sm" c="grape.8" mb="sm">
          {t('handoffs.questions.blocking')}
        </Text>
      ) : null}
      {handoff.questions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {closed ? t('handoffs.questions.emptyClosed') : t('handoffs.questions.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {handoff.questions.map((q) => (
            <Question
              key={q.id}
              q={q}
              onAnswer={() => {
                command.reset();
                setAnswering(q);
              }}
              onWithdraw={() =>
                run(
                  { kind: 'withdrawQuestion', version: handoff.version, questionId: q.id },
                  t('handoffs.actions.questionWithdrawn'),
                )
              }
            />
          ))}
        </Stack>
      )}
      <TextDialog
        opened={answering !== null}
        onClose={() => setAnswering(null)}
        title={answering?.text ?? ''}
        label={t('handoffs.questions.answerLabel')}
        hint=""
        confirmLabel={t('handoffs.questions.sendAnswer')}
        loading={command.isPending}
        error={command.error}
        onReload={onReload}
        field="text"
        onConfirm={(text) =>
          answering &&
          run(
            { kind: 'answer', version: handoff.version, questionId: answering.id, text },
            t('handoffs.actions.answered'),
            () => setAnswering(null),
          )
        }
      />
    </section>
  );
}
