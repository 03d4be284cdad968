/**
 * What the dry run of a CSV import found: the format it detected (decimal mark and date order
 * can be overridden), which column holds what, the problems per line and a preview.
 */
import {
  Alert,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ImportReport } from '../../../contracts/metrics.js';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';
import { importProblemMessage } from './import-problems.js';
import { formatMetricValue } from './MetricValue.js';
import { parseSource } from './metric-format.js';
import { useSourceLabel } from './useSourceLabel.js';
import type { ImportColumns } from './metrics.queries.js';

/** The decimal mark and the date order a person may set when the detection guessed wrong. */
export type Decimal = ',' | '.';
export type DateOrder = 'dmy' | 'mdy';

/** One overridable part of the detected format: its name over a small segmented choice. */
function FormatChoice<T extends string>({
  id,
  label,
  value,
  disabled,
  onChange,
  data,
}: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  onChange: (value: T) => void;
  data: { value: T; label: string }[];
}) {
  return (
    <div>
      <Text size="xs" c="dimmed" id={id}>
        {label}
      </Text>
      <SegmentedControl
        size="xs"
        aria-labelledby={id}
        value={value}
        disabled={disabled}
        onChange={(v) => onChange(v as T)}
        data={data}
      />
    </div>
  );
}

export function DetectedFormat({
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
        <FormatChoice
          id="import-decimal"
          label={t('metrics.import.decimal')}
          value={detected.decimal}
          disabled={disabled}
          onChange={onDecimal}
          data={[
            { value: ',', label: t('metrics.import.decimalComma') },
            { value: '.', label: t('metrics.import.decimalPoint') },
          ]}
        />
        <FormatChoice
          id="import-date-order"
          label={t('metrics.import.dateOrder')}
          value={detected.dateOrder}
          disabled={disabled}
          onChange={onDateOrder}
          data={[
            { value: 'dmy', label: t('metrics.import.dmy') },
            { value: 'mdy', label: t('metrics.import.mdy') },
          ]}
        />
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
export function ColumnPickers({
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

export function Preview({ report, unit }: { report: ImportReport; unit: string }) {
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

export function Problems({ report }: { report: ImportReport }) {
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
