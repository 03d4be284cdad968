import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { CommentThread } from '../conversation/CommentThread.js';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconLock } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Period, type Metric } from '../../../contracts/metrics.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useInitiativeQuery } from '../../queries/initiatives.js';
import { currentPeriodStart, valueAxis } from './chart-scale.js';
import { DefinitionPanel } from './DefinitionPanel.js';
import { MeasurementsSection } from './MeasurementsSection.js';
import { MetricFormModal } from './MetricFormModal.js';
import { DirectionIcon } from './MetricValue.js';
import { seriesCsvUrl, useMetricQuery, useSeriesQuery } from './metrics.queries.js';
import { AgreementBadge } from './SignatureSlots.js';
import { TokensSection } from './TokensSection.js';

// The chart library is big; it loads only when a chart is on screen.
const MetricChart = lazy(() => import('./MetricChart.js'));

const CHART_HEIGHT = 300;

function usePeriod(metric: Metric | undefined): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const parsed = Period.safeParse(params.get('period'));
  const period = parsed.success ? parsed.data : (metric?.definition.period ?? 'week');
  const setPeriod = (p: Period) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (p === metric?.definition.period) next.delete('period');
        else next.set('period', p);
        return next;
      },
      { replace: true },
    );
  return [period, setPeriod];
}

function ChartSection({ metric }: { metric: Metric }) {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod(metric);
  const series = useSeriesQuery(metric.id, period);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="chart-title">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} fz="h4" id="chart-title">
          {t('metrics.chart.title')}
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed" id="chart-period">
            {t('metrics.chart.period')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="chart-period"
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            data={Period.options.map((p) => ({ value: p, label: t(`metrics.period.${p}`) }))}
          />
          <Button
            component="a"
            href={seriesCsvUrl(metric.id, period)}
            download
            variant="default"
            size="xs"
            title={t('metrics.chart.exportHint')}
            leftSection={<IconDownload size={14} aria-hidden />}
          >
            {t('metrics.chart.export')}
          </Button>
        </Group>
      </Group>
      {series.isPending ? (
        <Skeleton height={CHART_HEIGHT} />
      ) : series.isError ? (
        <ProblemAlert error={series.error} onReload={() => void series.refetch()} />
      ) : series.data.points.length === 0 ? (
        <Stack h={CHART_HEIGHT / 2} justify="center" align="center">
          <Text c="dimmed" size="sm">
            {t('metrics.chart.empty')}
          </Text>
        </Stack>
      ) : (
        <div style={{ opacity: series.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <Suspense fallback={<Skeleton height={CHART_HEIGHT} />}>
            <MetricChart
              series={series.data}
              name={metric.definition.name}
              height={CHART_HEIGHT}
              runningFrom={currentPeriodStart(
                series.data.period,
                metric.definition.timeZone,
                new Date(),
              )}
              axis={valueAxis(metric.definition)}
            />
          </Suspense>
        </div>
      )}
    </Paper>
  );
}

function PageSkeleton() {
  return (
    <Stack gap="md" aria-busy="true">
      <Skeleton height={32} width="45%" />
      <Skeleton height={20} width="30%" />
      <Skeleton height={CHART_HEIGHT + 60} />
      <Skeleton height={280} />
    </Stack>
  );
}

/**
 * A metric: the chart both sides see, the signed definition with its two signatures and
 * history, the values (entered, imported, pushed) and the tokens for machines.
 */
export default function MetricPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const metric = useMetricQuery(id);
  const initiative = useInitiativeQuery(metric.data?.initiativeId ?? '', {
    enabled: metric.data !== undefined,
  });
  const [editOpen, edit] = useDisclosure(false);

  if (metric.isPending) return <PageSkeleton />;
  if (metric.isError) {
    return (
      <>
        <PageHeader
          title={t('metrics.page.loadError')}
          back={{ to: '/initiatives', label: t('nav.initiatives') }}
        />
        <ProblemAlert error={metric.error} onReload={() => void metric.refetch()} />
      </>
    );
  }
  const m = metric.data;
  const d = m.definition;
  const back = {
    to: `/initiatives/${m.initiativeId}?tab=metrics`,
    label: initiative.data?.title ?? t('metrics.title'),
  };

  return (
    <>
      <PageHeader title={d.name} back={back}>
        <Group gap="xs">
          <AgreementBadge agreement={m.agreement} />
          <Badge variant="default" radius="sm">
            {t('metrics.agreement.version', { version: m.agreement.currentVersion })}
          </Badge>
          <Badge variant="default" radius="sm" fw={500}>
            {d.unit}
          </Badge>
          <Badge
            variant="default"
            radius="sm"
            fw={500}
            leftSection={<DirectionIcon direction={d.direction} size={14} decorative />}
          >
            {t(`metrics.direction.${d.direction}`)}
          </Badge>
          <Badge variant="default" radius="sm" fw={500}>
            {t('metrics.card.perPeriod', {
              aggregation: t(`metrics.aggregation.${d.aggregation}`),
              period: t(`metrics.periodOf.${d.period}`),
            })}
          </Badge>
        </Group>
      </PageHeader>

      <Stack gap="md">
        {!m.permissions.edit ? (
          <Alert variant="light" color="gray" icon={<IconLock size={16} aria-hidden />} p="xs">
            <Text size="sm">{t('metrics.page.readOnly')}</Text>
          </Alert>
        ) : null}

        <ChartSection metric={m} />

        <DefinitionPanel metric={m} onEdit={m.permissions.edit ? edit.open : undefined} />

        <MeasurementsSection metric={m} />

        {m.permissions.manageTokens ? (
          <TokensSection initiativeId={m.initiativeId} metricId={m.id} />
        ) : null}

        <CommentThread subjectType="metric" subjectId={m.id} />
      </Stack>

      {m.permissions.edit ? (
        <MetricFormModal
          opened={editOpen}
          onClose={edit.close}
          initiativeId={m.initiativeId}
          members={initiative.data?.members ?? []}
          metric={m}
          defaultOwners={{ businessOwnerId: m.businessOwner.id, itOwnerId: m.itOwner.id }}
          onSaved={edit.close}
        />
      ) : null}
    </>
  );
}
