import {
  Badge,
  Button,
  Divider,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../../contracts/common.js';
import type { Metric } from '../../../contracts/metrics.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PersonChip } from '../../components/PersonChip.js';
import type { DefinitionField } from '../../../contracts/metrics.js';
import { useSignMetricMutation } from './metrics.queries.js';
import { AgreementBadge, SignatureSlots } from './SignatureSlots.js';
import { useDefinitionText } from './useDefinitionText.js';
import { VersionHistory } from './VersionHistory.js';
import { SectionLabel } from '../../components/SectionLabel.js';

function Field({
  label,
  children,
  span = 1,
}: {
  label: string;
  children: React.ReactNode;
  span?: 1 | 'all';
}) {
  return (
    <div style={span === 'all' ? { gridColumn: '1 / -1' } : undefined}>
      <Text component="dt" size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text
        component="dd"
        size="sm"
        m={0}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {children}
      </Text>
    </div>
  );
}

const SHORT_FIELDS: DefinitionField[] = [
  'unit',
  'valueType',
  'direction',
  'aggregation',
  'period',
  'timeZone',
  'minValue',
  'maxValue',
];

/**
 * The signed definition: the two signatures with the Sign button, the fields both sides
 * signed, and the version history with what changed.
 */
export function DefinitionPanel({ metric, onEdit }: { metric: Metric; onEdit?: () => void }) {
  const { t } = useTranslation();
  const text = useDefinitionText();
  const sign = useSignMetricMutation(metric.id);
  const [confirmSide, setConfirmSide] = useState<Side | null>(null);
  const d = metric.definition;
  const { agreement } = metric;
  const sideName = confirmSide ? t(`side.${confirmSide}`) : '';

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="definition-title">
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="xs">
          <Group gap="xs">
            <Title order={2} fz="h4" id="definition-title">
              {agreement.agreed ? t('metrics.page.definition') : t('metrics.page.definitionDraft')}
            </Title>
            <Badge variant="default" radius="sm">
              {t('metrics.agreement.version', { version: agreement.currentVersion })}
            </Badge>
          </Group>
          {onEdit ? (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconEdit size={14} aria-hidden />}
              onClick={onEdit}
            >
              {t('metrics.page.editDefinition')}
            </Button>
          ) : null}
        </Group>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <Stack gap={6}>
                <Group gap="xs">
                  <AgreementBadge agreement={agreement} />
                  {agreement.agreed ? (
                    <Text size="xs" c="dimmed">
                      {t('metrics.agreement.agreedText', { version: agreement.currentVersion })}
                    </Text>
                  ) : null}
                </Group>
                <SignatureSlots
                  agreement={agreement}
                  onSign={setConfirmSide}
                  signing={sign.isPending ? (sign.variables?.side ?? null) : null}
                />
              </Stack>

              <SimpleGrid
                component="dl"
                cols={{ base: 2, sm: 3 }}
                spacing="sm"
                verticalSpacing="sm"
                m={0}
              >
                <Field label={text.label('description')} span="all">
                  {d.description}
                </Field>
                <Field label={text.label('dataSource')} span="all">
                  {d.dataSource}
                </Field>
                {SHORT_FIELDS.map((f) => (
                  <Field key={f} label={text.label(f)}>
                    {text.value(f, d[f])}
                  </Field>
                ))}
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={-8}>
                {t(`metrics.aggregationHint.${d.aggregation}`)}{' '}
                {t(`metrics.periodHint.${d.period}`)}
              </Text>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <div>
                <SectionLabel order={3} mb="xs">
                  {t('metrics.page.owners')}
                </SectionLabel>
                <SimpleGrid cols={2} spacing="xs">
                  <PersonChip person={metric.businessOwner} withSide />
                  <PersonChip person={metric.itOwner} withSide />
                </SimpleGrid>
              </div>
              <Divider />
              <VersionHistory versions={metric.versions} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      <ConfirmModal
        opened={confirmSide !== null}
        onClose={() => {
          setConfirmSide(null);
          sign.reset();
        }}
        title={t('metrics.agreement.signTitle', {
          version: agreement.currentVersion,
          side: sideName,
        })}
        text={t('metrics.agreement.signText', { side: sideName })}
        confirmLabel={t('metrics.agreement.sign', { side: sideName })}
        loading={sign.isPending}
        error={sign.error}
        onConfirm={() => {
          if (!confirmSide) return;
          const side = confirmSide;
          sign.mutate(
            { version: agreement.currentVersion, side },
            {
              onSuccess: (signed) => {
                setConfirmSide(null);
                notifications.show({
                  color: 'blue',
                  message: signed.agreement.agreed
                    ? t('metrics.agreement.nowAgreed')
                    : t('metrics.agreement.signedNow', {
                        version: signed.agreement.currentVersion,
                        side: t(`side.${side}`),
                      }),
                });
              },
            },
          );
        }}
      />
    </Paper>
  );
}
