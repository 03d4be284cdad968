import { Button, Collapse, Group, Paper, Select, SimpleGrid, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { IconLayoutGrid, IconReportAnalytics } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEndOfHydration } from '../../lib/hydration.js';
import { usePhone } from '../../lib/phone.js';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../../api/client.js';
import type { PortfolioQuery } from '../../../contracts/portfolio.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { stageName } from '../../i18n/format.js';
import { currentLanguage } from '../../i18n/index.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { peopleQuery, useDepartmentsQuery } from '../../queries/people.js';
import { useQuery } from '@tanstack/react-query';
import { useStagesQuery } from '../../queries/stages.js';
import { RISK_CLASSES } from '../../../domain/risk.js';
import { activeFilters, AMPELS, parsePortfolioQuery } from './portfolio-query.js';
import { usePortfolioQuery } from './health.queries.js';
import { PortfolioHeatMap } from './PortfolioHeatMap.js';
import { PortfolioTrend } from './PortfolioTrend.js';
import { WaitingList } from './WaitingList.js';
import { FilterToggle } from '../../components/FilterToggle.js';

/** The filters live in the URL, so a filtered portfolio is a link to share. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parsePortfolioQuery(params), [params]);
  const set = (k: keyof PortfolioQuery, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  return { query, set };
}

export default function PortfolioPage() {
  useEndOfHydration();
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const { query, set } = useFilters();
  const portfolio = usePortfolioQuery(query, lang);
  const stages = useStagesQuery();
  const departments = useDepartmentsQuery();
  const any = t('portfolio.filters.any');
  // On a phone the six lists would fill the first screen: they fold behind a "Filter" button
  // that counts the active ones (the sort order is not a filter).
  const phone = usePhone();
  const [unfolded, panel] = useDisclosure(false);
  // The owner list only once the filters can be seen (on a phone they start folded).
  const people = useQuery({ ...peopleQuery, enabled: !phone || unfolded });
  const active = activeFilters(query);

  return (
    <>
      <PageHeader
        title={t('portfolio.title')}
        description={t('portfolio.description')}
        actions={
          <Button
            component={Link}
            to={`/report${withQuery('', { ...query })}`}
            variant="light"
            leftSection={<IconReportAnalytics size={16} />}
          >
            {t('report.link')}
          </Button>
        }
      />
      {phone ? (
        <FilterToggle
          opened={unfolded}
          count={active}
          controls="portfolio-filters"
          label={t('portfolio.filters.toggle')}
          activeLabel={t('portfolio.filters.toggleActive', { count: active })}
          onClick={panel.toggle}
          mb="sm"
        />
      ) : null}
      <Collapse
        expanded={!phone || unfolded}
        id="portfolio-filters"
        component="section"
        aria-label={t('portfolio.filters.label')}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm" mb="md">
          <Select
            label={t('portfolio.filters.department')}
            placeholder={any}
            data={departments.data ?? []}
            value={query.department ?? null}
            onChange={(v) => set('department', v)}
            clearable
            searchable
          />
          <Select
            label={t('portfolio.filters.stage')}
            placeholder={any}
            data={(stages.data ?? []).map((s) => ({ value: s.id, label: stageName(s, lang) }))}
            value={query.stage ?? null}
            onChange={(v) => set('stage', v)}
            clearable
          />
          <PersonSelect
            label={t('portfolio.filters.owner')}
            placeholder={any}
            people={(people.data ?? []).filter((p) => p.role !== 'viewer')}
            value={query.owner ?? null}
            onChange={(v) => set('owner', v)}
            clearable
          />
          <Select
            label={t('portfolio.filters.riskClass')}
            placeholder={any}
            data={RISK_CLASSES.map((r) => ({ value: r, label: t(`risk.class.${r}`) }))}
            value={query.riskClass ?? null}
            onChange={(v) => set('riskClass', v)}
            clearable
          />
          <Select
            label={t('portfolio.filters.health')}
            placeholder={any}
            data={AMPELS.map((a) => ({ value: a, label: t(`health.ampel.${a}`) }))}
            value={query.health ?? null}
            onChange={(v) => set('health', v)}
            clearable
          />
          <Select
            label={t('portfolio.filters.sort')}
            data={[
              { value: 'worst', label: t('portfolio.filters.worst') },
              { value: 'title', label: t('portfolio.filters.titleSort') },
            ]}
            value={query.sort ?? 'worst'}
            onChange={(v) => set('sort', v === 'title' ? 'title' : null)}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Collapse>

      <QueryState query={portfolio} rows={8} errorTitle={t('portfolio.loadError')}>
        {(data) => (
          <>
            <Paper withBorder radius="md" p="sm" mb="md" aria-labelledby="waiting-title">
              <Group justify="space-between" mb={4}>
                <Title order={2} fz="sm" id="waiting-title">
                  {t('portfolio.waitingTitle')}
                </Title>
                <Text size="xs" c="dimmed">
                  {t('portfolio.count', { count: data.rows.length })} ·{' '}
                  {t('portfolio.totals', data.totals)}
                </Text>
              </Group>
              {data.waiting.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('portfolio.nothingWaiting')}
                </Text>
              ) : (
                <WaitingList waiting={data.waiting} testId="portfolio-waiting" />
              )}
            </Paper>
            <PortfolioTrend query={query} />
            {data.rows.length === 0 ? (
              <EmptyState
                icon={<IconLayoutGrid size={28} aria-hidden />}
                // Filters that match nothing, or nothing to show at all (a new workspace).
                title={t(active > 0 ? 'portfolio.empty' : 'portfolio.noneTitle')}
                text={t(active > 0 ? 'portfolio.emptyText' : 'portfolio.noneText')}
              />
            ) : (
              <PortfolioHeatMap rows={data.rows} />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
