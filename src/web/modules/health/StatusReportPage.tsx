import { Anchor, Button, Group, List, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter, IconReportAnalytics } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PortfolioCell, PortfolioQuery } from '../../../contracts/portfolio.js';
import type { StatusReport } from '../../../contracts/status-report.js';
import type { WeeklyUpdate } from '../../../contracts/weekly-updates.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { currentLanguage } from '../../i18n/index.js';
import { reportDay } from '../../../domain/report-day.js';
import { AmpelBadge } from './AmpelBadge.js';
import { WaitingList } from './WaitingList.js';
import { statusReportHref, useStatusReportQuery } from './health.queries.js';
import { activeFilters, parsePortfolioQuery } from './portfolio-query.js';
import { HEALTH_AREAS } from '../../../domain/health/types.js';
import { SIDES } from '../../../domain/sides.js';
import classes from './StatusReportPage.module.css';

/** The portfolio's filters, taken from the URL (the portfolio page links with its own). */
function useReportQuery(): PortfolioQuery {
  const [params] = useSearchParams();
  return parsePortfolioQuery(params);
}

function Cell({ cell }: { cell: PortfolioCell }) {
  const { t } = useTranslation();
  return cell.applicable ? (
    <AmpelBadge ampel={cell.ampel} score={cell.score} />
  ) : (
    <Text size="xs" c="dimmed">
      {t('report.notRelevant')}
    </Text>
  );
}

function Update({ update }: { update: WeeklyUpdate | null }) {
  const { t } = useTranslation();
  if (!update) return <>{t('report.noUpdate')}</>;
  return (
    <>
      {t('report.update', {
        view: t(`weekly.views.${update.view}`),
        week: update.week,
        text: update.text,
      })}
      {update.author ? ` — ${update.author.name}` : ''}
    </>
  );
}

/** The report itself, printable: the summary first, then one initiative per printed page. */
export function StatusReportView({
  report,
  filtered = false,
}: {
  report: StatusReport;
  /** Whether filters narrow the report (its empty state then says so). */
  filtered?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  if (report.initiatives.length === 0)
    return (
      <EmptyState
        icon={<IconReportAnalytics size={32} />}
        title={t(filtered ? 'report.empty' : 'report.none')}
        text={t('report.description')}
      />
    );
  return (
    <div className={classes.report}>
      <section aria-labelledby="report-summary">
        <Title order={2} size="h3" id="report-summary" mb="xs">
          {t('report.summary')}
        </Title>
        <Text size="sm" mb="xs">
          {t('portfolio.totals', report.totals)}
        </Text>
        <Table withTableBorder striped fz="sm" mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('report.initiative')}</Table.Th>
              <Table.Th scope="col">{t('report.overall')}</Table.Th>
              {HEALTH_AREAS.map((a) => (
                <Table.Th scope="col" key={a}>
                  {t(`health.areas.${a}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.initiatives.map(({ row }) => (
              <Table.Tr key={row.id}>
                <Table.Th scope="row">{row.title}</Table.Th>
                <Table.Td>
                  <AmpelBadge ampel={row.overall.ampel} score={row.overall.score} />
                </Table.Td>
                {HEALTH_AREAS.map((a) => (
                  <Table.Td key={a}>
                    <Cell cell={row.areas[a]} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {report.waiting.length > 0 ? (
          <>
            <Title order={3} size="h5">
              {t('portfolio.waitingTitle')}
            </Title>
            <WaitingList waiting={report.waiting} />
          </>
        ) : null}
      </section>

      {report.initiatives.map(({ row, reasons, latest }) => (
        <Paper
          component="section"
          key={row.id}
          withBorder
          radius="md"
          p="md"
          className={classes.initiative}
          aria-labelledby={`report-${row.id}`}
          data-testid="report-initiative"
        >
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h3" id={`report-${row.id}`}>
                {row.title}
              </Title>
              <Text size="sm" c="dimmed">
                {row.department} · {row.stage.name[lang]}
              </Text>
              <Text size="sm">
                {t('report.owners', { business: row.businessOwner.name, it: row.itOwner.name })}
              </Text>
            </div>
            <AmpelBadge ampel={row.overall.ampel} score={row.overall.score} size="lg" />
          </Group>
          <Table fz="sm" mt="sm" withTableBorder>
            <Table.Tbody>
              {HEALTH_AREAS.map((a) => (
                <Table.Tr key={a}>
                  <Table.Th scope="row">{t(`health.areas.${a}`)}</Table.Th>
                  <Table.Td>
                    <Cell cell={row.areas[a]} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h5" mt="sm">
            {t('report.reasons')}
          </Title>
          {reasons.length === 0 ? (
            <Text size="sm">{t('report.noReasons')}</Text>
          ) : (
            <List size="sm" spacing={2}>
              {reasons.map((r, i) => (
                <List.Item key={`${r.href}-${i}`}>
                  {t(`health.areas.${r.area}`)}: {r.text[lang]}
                </List.Item>
              ))}
            </List>
          )}
          <Title order={3} size="h5" mt="sm">
            {t('report.latestViews')}
          </Title>
          <List size="sm" spacing={2}>
            {SIDES.map((side) => (
              <List.Item key={side}>
                {t(`weekly.sides.${side}`)}: <Update update={latest[side]} />
              </List.Item>
            ))}
          </List>
        </Paper>
      ))}
    </div>
  );
}

export default function StatusReportPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const query = useReportQuery();
  const report = useStatusReportQuery(query);
  // The company's calendar day, as in the downloads, wherever the page is read.
  const day = report.data ? reportDay(lang, report.data.computedAt) : undefined;

  return (
    <>
      <PageHeader
        title={t('report.title')}
        description={day ? t('report.asOf', { date: day }) : t('report.description')}
        actions={
          <Group gap="xs" className={classes.noPrint}>
            <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
              {t('report.print')}
            </Button>
            <Anchor href={statusReportHref(query, 'md', lang)} download size="sm">
              <IconDownload size={14} aria-hidden /> {t('report.downloadMd')}
            </Anchor>
            <Anchor href={statusReportHref(query, 'csv', lang)} download size="sm">
              <IconDownload size={14} aria-hidden /> {t('report.downloadCsv')}
            </Anchor>
          </Group>
        }
      />
      <QueryState query={report} rows={8} errorTitle={t('report.loadError')}>
        {(data) => <StatusReportView report={data} filtered={activeFilters(query) > 0} />}
      </QueryState>
    </>
  );
}
