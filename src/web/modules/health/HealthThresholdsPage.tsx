import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Title,
} from '@mantine/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type HealthThresholdSettings,
  thresholdsTag,
} from '../../../contracts/health-thresholds.js';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  HEALTH_THRESHOLD_FIELDS,
  type ThresholdField,
  type ThresholdGroup,
} from '../../../domain/health.js';
import { api, isApiError } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { QueryState } from '../../components/QueryState.js';
import type { Language } from '../../../contracts/common.js';
import { currentLanguage } from '../../i18n/index.js';
import { healthKeys, useThresholdsQuery } from './health.queries.js';

type Values = Record<string, Record<string, number | string>>;
const GROUPS = Object.keys(DEFAULT_HEALTH_THRESHOLDS) as ThresholdGroup[];
const fieldsOf = (g: ThresholdGroup) =>
  Object.entries(HEALTH_THRESHOLD_FIELDS[g] as Record<string, ThresholdField>);
const defaultOf = (g: ThresholdGroup, k: string) =>
  (DEFAULT_HEALTH_THRESHOLDS[g] as Record<string, number>)[k] ?? 0;

/** Only the fields that differ from their default are stored. */
function overridesOf(values: Values) {
  const out: Record<string, Record<string, number>> = {};
  for (const g of GROUPS)
    for (const [k] of fieldsOf(g)) {
      const v = values[g]?.[k];
      if (typeof v === 'number' && v !== defaultOf(g, k)) (out[g] ??= {})[k] = v;
    }
  return out;
}

/** The thresholds as a form, starting from `initial` (the stored effective values). */
function ThresholdsForm({
  initial,
  lang,
  save,
  errorOf,
  onReload,
}: {
  initial: HealthThresholdSettings['effective'];
  lang: Language;
  save: UseMutationResult<HealthThresholdSettings, Error, unknown>;
  errorOf: (g: ThresholdGroup, k: string, f: ThresholdField) => string | undefined;
  /** Loads what is stored now (after someone else saved other thresholds meanwhile). */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => structuredClone(initial) as Values);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(overridesOf(values));
      }}
    >
      <Stack gap="md">
        {GROUPS.map((g) => (
          <Paper key={g} withBorder radius="md" p="md">
            <Title order={2} fz="md" mb="sm">
              {t(`healthAdmin.groups.${g}`)}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              {fieldsOf(g).map(([k, f]) => {
                const value = values[g]?.[k] ?? '';
                const changed = typeof value === 'number' && value !== defaultOf(g, k);
                return (
                  <NumberInput
                    key={k}
                    label={
                      <Group gap={4} component="span" wrap="nowrap">
                        <span>{lang === 'de' ? f.labelDe : f.labelEn}</span>
                        {changed ? (
                          <Badge size="xs" variant="light">
                            {t('healthAdmin.changed')}
                          </Badge>
                        ) : null}
                      </Group>
                    }
                    description={t('healthAdmin.defaultValue', {
                      value: defaultOf(g, k),
                      unit: t(`healthAdmin.units.${f.unit}`),
                    })}
                    value={value}
                    min={f.min}
                    max={f.max}
                    allowDecimal={!f.integer}
                    decimalScale={f.integer ? 0 : 2}
                    error={errorOf(g, k, f)}
                    onChange={(v) =>
                      setValues((prev) => ({ ...prev, [g]: { ...prev[g], [k]: v } }))
                    }
                  />
                );
              })}
            </SimpleGrid>
          </Paper>
        ))}
        {save.isSuccess ? (
          <Alert color="green" variant="light" role="status">
            {t('healthAdmin.saved')}
          </Alert>
        ) : null}
        {/* Field problems stand next to their fields; anything else (someone saved meanwhile,
            no permission, a failure) here. */}
        {save.isError && (!isApiError(save.error) || save.error.fieldIssues.length === 0) ? (
          <ProblemAlert
            error={save.error}
            onReload={onReload}
            reloadWhen={(e) => isApiError(e) && e.isVersionConflict}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('healthAdmin.save')}
          </Button>
          <Button variant="default" onClick={() => save.mutate({})} disabled={save.isPending}>
            {t('healthAdmin.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admin: the thresholds table, each field with its default, unit and bounds. */
export default function HealthThresholdsPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const query = useThresholdsQuery();
  const queryClient = useQueryClient();
  const save = useMutation({
    // Only over the thresholds this form started from: 409 when someone saved others since.
    mutationFn: (body: unknown) =>
      api.put<HealthThresholdSettings>('/admin/health-thresholds', body, {
        headers: { 'if-match': thresholdsTag(query.data?.tag ?? 'defaults') },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(healthKeys.thresholds, data);
      void queryClient.invalidateQueries({ queryKey: healthKeys.all });
    },
  });
  const errorOf = (g: ThresholdGroup, k: string, f: ThresholdField): string | undefined => {
    if (!isApiError(save.error)) return undefined;
    const issue = save.error.fieldIssues.find((i) => i.path === `${g}.${k}`);
    if (!issue) return undefined;
    if (issue.code === 'out_of_range')
      return t('healthAdmin.outOfRange', { min: f.min, max: f.max });
    // The Ampel's two bounds are no tiers of a deduction: they say so in their own words.
    if (issue.code === 'range')
      return t(g === 'ampel' ? 'healthAdmin.ampelOrder' : 'healthAdmin.order');
    return t('healthAdmin.invalid');
  };

  return (
    <>
      <PageHeader title={t('healthAdmin.title')} description={t('healthAdmin.intro')} />
      <QueryState query={query} rows={8}>
        {(data) => (
          // A new form for every saved state: edits start from what is stored, and a
          // refetch of the same state keeps what is being typed.
          <ThresholdsForm
            key={data.updatedAt ?? 'defaults'}
            initial={data.effective}
            lang={lang}
            save={save}
            errorOf={errorOf}
            onReload={() => {
              save.reset();
              void query.refetch();
            }}
          />
        )}
      </QueryState>
    </>
  );
}
