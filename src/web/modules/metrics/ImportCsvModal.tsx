import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconCircleCheck, IconFileSpreadsheet, IconFileImport } from '@tabler/icons-react';
import type { Metric } from '../../../contracts/metrics.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { type ImportColumns, useImportMutation } from './metrics.queries.js';
import {
  ColumnPickers,
  type DateOrder,
  type Decimal,
  DetectedFormat,
  Preview,
  Problems,
} from './ImportCsvReport.js';

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
