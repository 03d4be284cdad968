import { Alert, Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsExchange, IconCheck, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Initiative } from '../../../contracts/initiatives.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { HandoffCard } from './HandoffCard.js';
import { stateColor } from './HandoffBits.js';
import { HandoffFormModal } from './HandoffFormModal.js';
import { useInitiativeHandoffsQuery } from './handoffs.queries.js';

/** The chain of an initiative's handoffs along its stages, as a timeline. */
export function HandoffsTab({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const handoffs = useInitiativeHandoffsQuery(initiative.id);
  const [formOpen, form] = useDisclosure(false);
  const canStart = initiative.permissions.edit && initiative.status === 'active';

  const newButton = canStart ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={form.open}>
      {t('handoffs.newHandoff')}
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (handoffs.isPending) body = <SkeletonRows rows={3} height={72} />;
  else if (handoffs.isError)
    body = (
      <ProblemAlert
        error={handoffs.error}
        title={t('handoffs.listError')}
        onReload={() => void handoffs.refetch()}
      />
    );
  else if (handoffs.data.length === 0)
    body = (
      <EmptyState
        icon={<IconArrowsExchange aria-hidden />}
        title={t('handoffs.empty.title')}
        text={canStart ? t('handoffs.empty.text') : t('handoffs.empty.readOnly')}
        action={newButton}
      />
    );
  else
    body = (
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Alert
            variant="light"
            color="gray"
            icon={<IconInfoCircle size={16} aria-hidden />}
            p="xs"
            style={{ flex: '1 1 320px' }}
          >
            <Text size="sm">{t('handoffs.stageRule')}</Text>
          </Alert>
          {newButton}
        </Group>
        <Timeline
          bulletSize={24}
          lineWidth={2}
          aria-label={t('handoffs.chainLabel')}
          active={handoffs.data.length}
          color="gray"
        >
          {handoffs.data.map((h) => (
            <Timeline.Item
              key={h.id}
              color={stateColor(h.state)}
              bullet={
                h.state === 'accepted' ? (
                  <IconCheck size={14} aria-hidden />
                ) : (
                  <IconArrowsExchange size={14} aria-hidden />
                )
              }
            >
              <HandoffCard handoff={h} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    );

  return (
    <>
      {body}
      {canStart ? (
        <HandoffFormModal
          opened={formOpen}
          onClose={form.close}
          initiative={initiative}
          handoff={null}
          onSaved={(h) => {
            form.close();
            void navigate(`/handoffs/${h.id}`);
          }}
        />
      ) : null}
    </>
  );
}
