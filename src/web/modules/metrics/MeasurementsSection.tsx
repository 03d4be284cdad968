import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconHistory, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measurement, Metric } from '../../../contracts/metrics.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { applyServerErrors } from '../../lib/validation.js';
import { EnterValueForm, valueError } from './EnterValueForm.js';
import { ImportCsvModal } from './ImportCsvModal.js';
import { parseSource } from './metric-format.js';
import {
  useDeleteMeasurementMutation,
  useMeasurementsQuery,
  useUpdateMeasurementMutation,
} from './metrics.queries.js';
import { formatMetricValue } from './MetricValue.js';
import { useSourceLabel } from './useSourceLabel.js';
import { FormActions } from '../../components/FormActions.js';

function CorrectForm({
  metric,
  measurement,
  onDone,
}: {
  metric: Metric;
  measurement: Measurement;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const update = useUpdateMeasurementMutation(metric.id, metric.initiativeId);
  const form = useForm<{ value: number | string; note: string }>({
    mode: 'controlled',
    initialValues: { value: measurement.value, note: measurement.note ?? '' },
    validateInputOnChange: true,
    validate: {
      value: (v) => valueError(v, metric, t, fmt),
      note: (v) => (v.length > 1000 ? t('validation.maxLength', { max: 1000 }) : null),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        if (typeof v.value !== 'number') return;
        const note = v.note.trim() || null;
        update.mutate(
          {
            id: measurement.id,
            body: {
              ...(v.value !== measurement.value ? { value: v.value } : {}),
              ...(note !== measurement.note ? { note } : {}),
            },
          },
          {
            onSuccess: () => {
              notifications.show({ message: t('metrics.data.corrected'), color: 'blue' });
              onDone();
            },
            onError: (e) => applyServerErrors(form, e, t),
          },
        );
      })}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('metrics.data.correctHint')}
        </Text>
        <NumberInput
          label={t('metrics.data.value')}
          description={metric.definition.unit}
          required
          decimalSeparator={fmt.language === 'de' ? ',' : '.'}
          allowDecimal={metric.definition.valueType === 'decimal'}
          hideControls
          data-autofocus
          {...form.getInputProps('value')}
        />
        <Textarea
          label={t('metrics.data.note')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('note')}
        />
        <ProblemAlert error={Object.keys(form.errors).length ? null : update.error} />
        <FormActions
          onCancel={onDone}
          loading={update.isPending}
          submitLabel={t('common.saveChanges')}
        />
      </Stack>
    </form>
  );
}

function MeasurementRow({
  metric,
  measurement,
  onCorrect,
  onDelete,
}: {
  metric: Metric;
  measurement: Measurement;
  onCorrect: (m: Measurement) => void;
  onDelete: (m: Measurement) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sourceLabel = useSourceLabel();
  const date = fmt.dateTime(measurement.at);
  const source = parseSource(measurement.source);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }} className="phone-inline">
        <time dateTime={measurement.at}>{date}</time>
      </Table.Td>
      <Table.Td
        ta="right"
        style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
        className="phone-inline"
        // As a card on a phone the header is gone: the cell then shows its unit itself.
        data-unit={metric.definition.unit || undefined}
        fw={600}
      >
        {fmt.number(measurement.value, { maximumFractionDigits: 2 })}
      </Table.Td>
      <Table.Td
        style={{ overflowWrap: 'anywhere' }}
        data-label={t('metrics.data.column.note')}
        data-empty={measurement.note ? undefined : true}
      >
        {measurement.note ?? (
          <Text span c="dimmed" size="sm">
            {t('common.none')}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-label={t('metrics.data.column.source')}>
        <Group gap={6} wrap="nowrap">
          <Badge
            variant={source.kind === 'manual' ? 'light' : 'default'}
            color="gray"
            radius="sm"
            fw={500}
          >
            {sourceLabel(source)}
          </Badge>
          {measurement.createdBy ? (
            <Text size="xs" c="dimmed" truncate>
              {measurement.createdBy.name}
            </Text>
          ) : null}
        </Group>
      </Table.Td>
      {metric.permissions.enterData ? (
        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} className="phone-corner">
          <Tooltip label={t('metrics.data.correctLabel', { date })}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('metrics.data.correctLabel', { date })}
              onClick={() => onCorrect(measurement)}
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('metrics.data.deleteLabel', { date })}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('metrics.data.deleteLabel', { date })}
              onClick={() => onDelete(measurement)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

/** Entering, importing, correcting and deleting values; the raw values newest first. */
export function MeasurementsSection({ metric }: { metric: Metric }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const measurements = useMeasurementsQuery(metric.id);
  const remove = useDeleteMeasurementMutation(metric.id, metric.initiativeId);
  const [correcting, setCorrecting] = useState<Measurement | null>(null);
  const [deleting, setDeleting] = useState<Measurement | null>(null);
  const [importOpen, importModal] = useDisclosure(false);
  const { enterData } = metric.permissions;
  const rows = measurements.data?.pages.flat() ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="measurements-title">
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={2} fz="h4" id="measurements-title">
            {t('metrics.data.title')}
          </Title>
          {enterData ? (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconFileImport size={14} aria-hidden />}
              onClick={importModal.open}
            >
              {t('metrics.import.button')}
            </Button>
          ) : null}
        </Group>

        {enterData ? (
          <>
            <EnterValueForm metric={metric} />
            <Divider />
          </>
        ) : null}

        {measurements.isPending ? (
          <SkeletonRows rows={5} />
        ) : measurements.isError ? (
          <ProblemAlert error={measurements.error} onReload={() => void measurements.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('metrics.data.empty')}
          </Text>
        ) : (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t('metrics.data.shown', { count: rows.length })}
            </Text>
            <Table.ScrollContainer minWidth={560} maxHeight={520} className="stack-on-phone">
              <Table stickyHeader striped highlightOnHover fz="sm" verticalSpacing={6}>
                <caption className="visually-hidden">{t('metrics.data.title')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('metrics.data.column.at')}</Table.Th>
                    <Table.Th ta="right">
                      {metric.definition.unit
                        ? t('metrics.data.column.valueIn', { unit: metric.definition.unit })
                        : t('metrics.data.column.value')}
                    </Table.Th>
                    <Table.Th>{t('metrics.data.column.note')}</Table.Th>
                    <Table.Th>{t('metrics.data.column.source')}</Table.Th>
                    {enterData ? (
                      <Table.Th>
                        <span className="visually-hidden">{t('metrics.data.column.actions')}</span>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((m) => (
                    <MeasurementRow
                      key={m.id}
                      metric={metric}
                      measurement={m}
                      onCorrect={setCorrecting}
                      onDelete={setDeleting}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {measurements.hasNextPage ? (
              <Group justify="center">
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconHistory size={14} aria-hidden />}
                  loading={measurements.isFetchingNextPage}
                  onClick={() => void measurements.fetchNextPage()}
                >
                  {t('metrics.data.loadMore')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        )}
      </Stack>

      <Modal
        opened={correcting !== null}
        onClose={() => setCorrecting(null)}
        title={
          correcting ? t('metrics.data.correctTitle', { date: fmt.dateTime(correcting.at) }) : ''
        }
        centered
      >
        {correcting ? (
          <CorrectForm
            metric={metric}
            measurement={correcting}
            onDone={() => setCorrecting(null)}
          />
        ) : null}
      </Modal>

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title={t('metrics.data.deleteTitle')}
        text={
          deleting
            ? t('metrics.data.deleteText', {
                value: formatMetricValue(fmt, deleting.value, metric.definition.unit),
                date: fmt.dateTime(deleting.at),
              })
            : ''
        }
        confirmLabel={t('common.delete')}
        destructive
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ message: t('metrics.data.deleted'), color: 'blue' });
            },
          });
        }}
      />

      {enterData ? (
        <ImportCsvModal metric={metric} opened={importOpen} onClose={importModal.close} />
      ) : null}
    </Paper>
  );
}
