import {
  Alert,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconCircleCheck,
  IconFileSpreadsheet,
  IconFileImport,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, Metric } from '../../../contracts/metrics.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
import { importProblemMessage } from './import-problems.js';
import { type ImportColumns, useImportMutation } from './metrics.queries.js';
import { formatMetricValue } from './MetricValue.js';
import { parseSource } from './metric-format.js';
import { useSourceLabel } from './useSourceLabel.js';

type Decimal = ',' | '.';
type DateOrder = 'dmy' | 'mdy';

const EXAMPLE_DE = 'Datum;Wert;Notiz\n27.11.2026 14:00;12,5;nachgezählt\n28.11.2026 14:00;11;';
const EXAMPLE_EN = 'date,value,note\n2026-11-27 14:00,12.5,recounted\n2026-11-28 14:00,11,';

function Help({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{t('metrics.import.help', { zone: timeZone })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {t('metrics.import.exampleDe')}
          </Text>
          <Code block>{EXAMPLE_DE}</Code>
        </div>
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {t('metrics.import.exampleEn')}
          </Text>
          <Code block>{EXAMPLE_EN}</Code>
        </div>
      </SimpleGrid>
    </Stack>
  );
}

function DetectedFormat({
  report,
  onDecimal,
  onDateOrder,
  disabled,
}: {
  report: ImportReport;
  onDecimal: (d: Decimal) => void;
  onDateOrder: (o: DateOrder) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { detected } = report;
  const delimiter =
    detected.delimiter === ';'
      ? t('metrics.import.delimiterName.semicolon')
      : detected.delimiter === ','
        ? t('metrics.import.delimiterName.comma')
        : detected.delimiter === '\t'
          ? t('metrics.import.delimiterName.tab')
          : detected.delimiter;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="import-detected">
      <Title order={3} fz="sm" mb="xs" id="import-detected">
        {t('metrics.import.detected')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        <div>
          <Text size="xs" c="dimmed">
            {t('metrics.import.encoding')}
          </Text>
          <Text size="sm">{detected.encoding}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('metrics.import.delimiter')}
          </Text>
          <Text size="sm">{delimiter}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" id="import-decimal">
            {t('metrics.import.decimal')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="import-decimal"
            value={detected.decimal}
            disabled={disabled}
            onChange={(v) => onDecimal(v as Decimal)}
            data={[
              { value: ',', label: t('metrics.import.decimalComma') },
              { value: '.', label: t('metrics.import.decimalPoint') },
            ]}
          />
        </div>
        <div>
          <Text size="xs" c="dimmed" id="import-date-order">
            {t('metrics.import.dateOrder')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="import-date-order"
            value={detected.dateOrder}
            disabled={disabled}
            onChange={(v) => onDateOrder(v as DateOrder)}
            data={[
              { value: 'dmy', label: t('metrics.import.dmy') },
              { value: 'mdy', label: t('metrics.import.mdy') },
            ]}
          />
        </div>
      </SimpleGrid>
      {detected.columns.length ? (
        <Group gap={4} mt="xs">
          <Text size="xs" c="dimmed">
            {t('metrics.import.columns')}:
          </Text>
          {detected.columns.map((c, i) => (
            <Badge key={`${c}-${i}`} variant="default" radius="sm" size="sm" fw={500}>
              {c}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Text size="xs" c="dimmed" mt="xs">
        {t('metrics.import.overrideHint')} {t('metrics.import.dateOrderHint')}
      </Text>
    </Paper>
  );
}

const FIELDS = ['at', 'value', 'note', 'source'] as const;
const NONE = '\u0000none';

/**
 * Which column of the file holds the time, the value, a note and the source: suggested by the
 * server (remembered from the last import, known names, else the first column of dates and of
 * numbers); any change checks the file again.
 */
function ColumnPickers({
  report,
  onChange,
  disabled,
}: {
  report: ImportReport;
  onChange: (columns: ImportColumns) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { detected } = report;
  if (detected.columns.length === 0) return null;
  const headers = [...new Set(detected.columns)];
  const label = (c: string, field: 'at' | 'value') =>
    detected.candidates[field].includes(c) ? c : `${c} (${t('metrics.import.pick.unlikely')})`;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="import-columns">
      <Title order={3} fz="sm" mb="xs" id="import-columns">
        {t('metrics.import.pick.title')}
      </Title>
      {detected.needsChoice ? (
        <Text size="sm" c="orange.8" mb="xs" role="status">
          {t('metrics.import.pick.needsChoice')}
        </Text>
      ) : detected.mappingFrom === 'remembered' ? (
        <Text size="xs" c="dimmed" mb="xs">
          {t('metrics.import.pick.remembered')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        {FIELDS.map((field) => (
          <Select
            key={field}
            size="sm"
            label={t(`metrics.import.pick.${field}`)}
            disabled={disabled}
            allowDeselect={false}
            value={detected.mapping[field] ?? NONE}
            data={[
              ...(field === 'note' || field === 'source'
                ? [{ value: NONE, label: t('metrics.import.pick.none') }]
                : []),
              ...headers.map((c) => ({
                value: c,
                label: field === 'at' || field === 'value' ? label(c, field) : c,
              })),
            ]}
            onChange={(v) =>
              onChange({ ...detected.mapping, [field]: v === null || v === NONE ? null : v })
            }
          />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function Preview({ report, unit }: { report: ImportReport; unit: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sourceLabel = useSourceLabel();
  if (report.preview.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby="import-preview">
      <Group gap="xs" align="baseline">
        <Title order={3} fz="sm" id="import-preview">
          {t('metrics.import.preview')}
        </Title>
        {report.rows > report.preview.length ? (
          <Text size="xs" c="dimmed">
            {t('metrics.import.previewOf', { shown: report.preview.length, count: report.rows })}
          </Text>
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={480} maxHeight={240}>
        <Table stickyHeader striped fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('metrics.import.row')}</Table.Th>
              <Table.Th>{t('metrics.data.column.at')}</Table.Th>
              <Table.Th ta="right">{t('metrics.data.column.value')}</Table.Th>
              <Table.Th>{t('metrics.data.column.note')}</Table.Th>
              <Table.Th>{t('metrics.data.column.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.preview.map((r) => (
              <Table.Tr key={r.line}>
                <Table.Td c="dimmed">{r.line}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(r.at)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMetricValue(fmt, r.value, unit)}
                </Table.Td>
                <Table.Td>{r.note ?? ''}</Table.Td>
                <Table.Td>{sourceLabel(parseSource(r.source))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Problems({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (report.problems.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={t('metrics.import.problems', { count: report.problems.length })}
    >
      <Stack gap="xs">
        <Text size="sm">{t('metrics.import.problemsHint')}</Text>
        <Table.ScrollContainer minWidth={420} maxHeight={220}>
          <Table fz="sm" verticalSpacing={2} stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('metrics.import.row')}</Table.Th>
                <Table.Th w={140}>{t('metrics.import.column')}</Table.Th>
                <Table.Th>{t('metrics.import.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.problems.map((p, i) => (
                <Table.Tr key={`${p.line}-${p.column}-${i}`}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>{p.column || t('common.none')}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {importProblemMessage(t, fmt, p)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}

function ImportCsv({ metric, onClose }: { metric: Metric; onClose: () => void }) {
  const { t } = useTranslation();
  const check = useImportMutation(metric.id, metric.initiativeId);
  const run = useImportMutation(metric.id, metric.initiativeId);
  const [file, setFile] = useState<File | null>(null);
  const [decimal, setDecimal] = useState<Decimal | undefined>(undefined);
  const [dateOrder, setDateOrder] = useState<DateOrder | undefined>(undefined);
  const [columns, setColumns] = useState<ImportColumns | undefined>(undefined);

  const dryRun = (next: {
    file: File | null;
    decimal?: Decimal | undefined;
    dateOrder?: DateOrder | undefined;
    columns?: ImportColumns | undefined;
  }) => {
    run.reset();
    if (!next.file) {
      check.reset();
      return;
    }
    check.mutate({
      file: next.file,
      dryRun: true,
      decimal: next.decimal,
      dateOrder: next.dateOrder,
      columns: next.columns,
    });
  };

  const report = check.data;
  const result = run.data;
  const ready = report !== undefined && report.problems.length === 0 && report.rows > 0;

  if (result) {
    return (
      <Stack gap="md">
        <Alert
          color="blue"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          role="status"
          title={t('metrics.import.result', {
            stored: result.stored,
            duplicates: result.duplicates,
          })}
        >
          {file?.name}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t('metrics.import.done')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <FileInput
        label={t('metrics.import.file')}
        description={t('metrics.import.fileHint')}
        placeholder={t('metrics.import.filePlaceholder')}
        accept=".csv,.txt,text/csv,text/plain"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        clearable
        value={file}
        onChange={(f) => {
          setFile(f);
          setDecimal(undefined);
          setDateOrder(undefined);
          setColumns(undefined);
          dryRun({ file: f });
        }}
        data-autofocus
      />

      {report === undefined && !check.isPending ? (
        <Help timeZone={metric.definition.timeZone} />
      ) : null}

      {check.isPending ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('metrics.import.checking')}
          </Text>
        </Group>
      ) : null}
      <ProblemAlert error={check.error} />

      {report ? (
        <>
          <DetectedFormat
            report={report}
            disabled={check.isPending}
            onDecimal={(d) => {
              setDecimal(d);
              dryRun({ file, decimal: d, dateOrder, columns });
            }}
            onDateOrder={(o) => {
              setDateOrder(o);
              dryRun({ file, decimal, dateOrder: o, columns });
            }}
          />
          <ColumnPickers
            report={report}
            disabled={check.isPending}
            onChange={(c) => {
              setColumns(c);
              dryRun({ file, decimal, dateOrder, columns: c });
            }}
          />
          {report.problems.length === 0 ? (
            <Text size="sm" fw={500} role="status">
              {report.rows > 0
                ? t('metrics.import.rows', { count: report.rows })
                : t('metrics.import.noRows')}
            </Text>
          ) : null}
          <Problems report={report} />
          <Preview report={report} unit={metric.definition.unit} />
        </>
      ) : null}

      <ProblemAlert error={run.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconFileImport size={16} aria-hidden />}
          disabled={!ready || check.isPending || !file}
          loading={run.isPending}
          onClick={() => {
            if (!file) return;
            // The columns the person saw in the pickers, suggested or chosen.
            const shown = columns ?? report?.detected.mapping;
            run.mutate(
              { file, dryRun: false, decimal, dateOrder, columns: shown },
              // The file was refused after all: check it again to list why.
              {
                onError: () =>
                  check.mutate({ file, dryRun: true, decimal, dateOrder, columns: shown }),
              },
            );
          }}
        >
          {ready ? t('metrics.import.submit', { count: report.rows }) : t('metrics.import.button')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Upload → dry run with detected format, preview and problems → import all rows or none. */
export function ImportCsvModal({
  metric,
  opened,
  onClose,
}: {
  metric: Metric;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('metrics.import.title')} size="xl" centered>
      {opened ? <ImportCsv metric={metric} onClose={onClose} /> : null}
    </Modal>
  );
}
