import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandoffSummary } from '../../../contracts/handoffs.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useGoalsToSignQuery } from './desk.queries.js';
import { SignoffsSection } from './SignoffsSection.js';
import { HandoffCard } from '../handoffs/HandoffCard.js';
import { useHandoffsWaitingQuery } from '../handoffs/handoffs.queries.js';

function Pile({
  id,
  title,
  hint,
  list,
}: {
  id: string;
  title: string;
  hint: string;
  list: HandoffSummary[];
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <Group gap="xs" mb={2}>
        <Title order={2} fz="h4" id={id}>
          {title}
        </Title>
        <Badge variant="light" color={list.length ? 'blue' : 'gray'} circle>
          {list.length}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {list.length === 0 ? (
        <Paper withBorder radius="md" p="sm">
          <Text size="sm" c="dimmed">
            {t('handoffs.mine.nothing')}
          </Text>
        </Paper>
      ) : (
        <Stack gap="xs">
          {list.map((h) => (
            <HandoffCard key={h.id} handoff={h} withInitiative />
          ))}
        </Stack>
      )}
    </section>
  );
}

/** "Waiting for me": goals to sign, then handoffs to receive, to answer, to (re)submit. */
export default function WaitingPage() {
  const { t } = useTranslation();
  const waiting = useHandoffsWaitingQuery();
  const signable = useGoalsToSignQuery();
  let body: React.ReactNode;
  if (waiting.isPending || signable.isPending) body = <SkeletonRows rows={4} height={72} />;
  else if (waiting.isError)
    body = <ProblemAlert error={waiting.error} onReload={() => void waiting.refetch()} />;
  else if (signable.isError)
    body = <ProblemAlert error={signable.error} onReload={() => void signable.refetch()} />;
  else {
    const w = waiting.data;
    const goals = signable.goals ?? [];
    const total = goals.length + w.toReceive.length + w.toAnswer.length + w.toResubmit.length;
    body = (
      <Stack gap="xl">
        {total === 0 ? (
          <EmptyState
            icon={<IconCircleCheck aria-hidden />}
            title={t('desk.allDoneTitle')}
            text={t('desk.allDoneText')}
            action={
              <Button component={Link} to="/initiatives?mine=true" variant="light">
                {t('desk.myInitiatives')}
              </Button>
            }
          />
        ) : null}
        <SignoffsSection goals={goals} />
        <Pile
          id="pile-receive"
          title={t('handoffs.mine.toReceive')}
          hint={t('handoffs.mine.toReceiveHint')}
          list={w.toReceive}
        />
        <Pile
          id="pile-answer"
          title={t('handoffs.mine.toAnswer')}
          hint={t('handoffs.mine.toAnswerHint')}
          list={w.toAnswer}
        />
        <Pile
          id="pile-resubmit"
          title={t('handoffs.mine.toResubmit')}
          hint={t('handoffs.mine.toResubmitHint')}
          list={w.toResubmit}
        />
      </Stack>
    );
  }
  return (
    <>
      <PageHeader title={t('desk.title')} description={t('desk.description')} />
      {body}
    </>
  );
}
