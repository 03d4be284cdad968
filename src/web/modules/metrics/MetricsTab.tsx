import { Badge, Button, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChartLine, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { MetricSummary } from '../../../contracts/metrics.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { AgreementCard } from './AgreementCard.js';
import { DirectionIcon } from './MetricValue.js';
import { MetricFormModal } from './MetricFormModal.js';
import { useMetricsQuery } from './metrics.queries.js';
import {
  AgreementBadge,
  ReviewToSignButton,
  SignatureSlots,
  waitsForMe,
} from './SignatureSlots.js';

function MetricCard({ metric }: { metric: MetricSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const d = metric.definition;
  const { agreement } = metric;
  const maySign = waitsForMe(agreement);
  return (
    <AgreementCard
      titleId={`metric-${metric.id}`}
      to={`/metrics/${metric.id}`}
      title={d.name}
      subline={
        <Group gap={6}>
          <Tooltip label={t(`metrics.direction.${d.direction}`)}>
            <span>
              <DirectionIcon direction={d.direction} />
            </span>
          </Tooltip>
          <Text size="xs" c="dimmed">
            {d.unit} ·{' '}
            {t('metrics.card.perPeriod', {
              aggregation: t(`metrics.aggregation.${d.aggregation}`),
              period: t(`metrics.periodOf.${d.period}`),
            })}
          </Text>
        </Group>
      }
      badges={
        <>
          <AgreementBadge agreement={agreement} />
          <Badge variant="default" radius="sm" size="sm">
            {t('metrics.agreement.version', { version: agreement.currentVersion })}
          </Badge>
        </>
      }
    >
      <div>
        <Text size="xs" c="dimmed">
          {d.unit ? t('metrics.card.latestIn', { unit: d.unit }) : t('metrics.card.latest')}
        </Text>
        {metric.latest ? (
          <Group gap={8} align="baseline">
            <Text span size="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {fmt.number(metric.latest.value, { maximumFractionDigits: 2 })}
            </Text>
            <Text size="xs" c="dimmed">
              <time dateTime={metric.latest.at}>
                {t('metrics.card.on', { date: fmt.date(metric.latest.at) })}
              </time>
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('metrics.card.noValues')}
          </Text>
        )}
      </div>

      <SignatureSlots agreement={agreement} compact />

      {maySign ? (
        <ReviewToSignButton to={`/metrics/${metric.id}`} label={t('metrics.card.review')} />
      ) : null}
    </AgreementCard>
  );
}

/** The initiative's metrics as cards: latest value and the two signatures side by side. */
export function MetricsTab({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const metrics = useMetricsQuery(initiative.id);
  const [formOpen, form] = useDisclosure(false);
  const canDefine = initiative.permissions.edit;

  const defineButton = canDefine ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={form.open}>
      {t('metrics.define')}
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (metrics.isPending) body = <SkeletonRows rows={3} height={120} />;
  else if (metrics.isError) {
    body = <ProblemAlert error={metrics.error} onReload={() => void metrics.refetch()} />;
  } else if (metrics.data.length === 0) {
    body = (
      <EmptyState
        icon={<IconChartLine aria-hidden />}
        title={t('metrics.empty.title')}
        text={t('metrics.empty.text')}
        readOnlyNote={canDefine ? undefined : t('metrics.empty.readOnly')}
        action={defineButton}
      />
    );
  } else {
    body = (
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="sm">
          <Text size="sm" c="dimmed" maw={720}>
            {t('metrics.intro')}
          </Text>
          {defineButton}
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {metrics.data.map((m) => (
            <MetricCard key={m.id} metric={m} />
          ))}
        </SimpleGrid>
      </Stack>
    );
  }

  return (
    <>
      {body}
      {canDefine ? (
        <MetricFormModal
          opened={formOpen}
          onClose={form.close}
          initiativeId={initiative.id}
          members={initiative.members}
          metric={null}
          defaultOwners={{
            businessOwnerId: initiative.businessOwner.id,
            itOwnerId: initiative.itOwner.id,
          }}
          onSaved={(created) => {
            form.close();
            void navigate(`/metrics/${created.id}`);
          }}
        />
      ) : null}
    </>
  );
}
