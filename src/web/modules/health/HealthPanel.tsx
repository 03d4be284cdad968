import {
  Anchor,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type {
  ExplainedAreaHealth,
  InitiativeHealth,
} from '../../../contracts/collaboration-health.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { currentLanguage } from '../../i18n/index.js';
import { HEALTH_AREAS, type HealthArea } from '../../../domain/health/types.js';
import { AMPEL_COLOR, AmpelBadge, AmpelIcon } from './AmpelBadge.js';
import { useInitiativeHealthQuery } from './health.queries.js';
import { HealthHistoryBlock } from './HealthHistory.js';

const areaOf = (h: InitiativeHealth, area: HealthArea): ExplainedAreaHealth =>
  area === 'owners' ? h.owners : h.pillars[area];

/** One area's reasons, each with a link to the thing to fix. */
function Reasons({ area, health }: { area: HealthArea; health: InitiativeHealth }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const a = areaOf(health, area);
  return (
    <Paper withBorder radius="md" p="sm" aria-live="polite" data-testid="health-reasons">
      <Title order={3} fz="sm" mb="xs">
        {a.applicable
          ? t('health.reasonsOf', {
              area: t(`health.areas.${area}`),
              ampel: t(`health.ampel.${a.ampel}`),
            })
          : `${t(`health.areas.${area}`)}: ${t('health.notRelevantShort')}`}
      </Title>
      {a.reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {a.applicable ? t('health.noReasons') : t('health.notRelevant')}
        </Text>
      ) : (
        <List spacing="xs" size="sm" listStyleType="none" pl={0}>
          {a.reasons.map((r, i) => (
            <List.Item key={`${r.code}-${i}`}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text c={AMPEL_COLOR[r.severity]} mt={2} component="span">
                  <AmpelIcon ampel={r.severity} />
                </Text>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {r.text[lang]}{' '}
                    <Text span size="xs" c="dimmed">
                      (−{r.deduction})
                    </Text>
                  </Text>
                  <Anchor component={Link} to={r.href} size="xs">
                    {t('health.openFix')} <IconChevronRight size={10} aria-hidden />
                  </Anchor>
                </div>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

/** The initiative's health: overall Ampel and score, the weakest area, each area's reasons. */
export function HealthPanel({ initiativeId }: { initiativeId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const query = useInitiativeHealthQuery(initiativeId);
  const [params, setParams] = useSearchParams();
  const open = HEALTH_AREAS.find((a) => a === params.get('health'));
  const toggle = (area: HealthArea) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (open === area) next.delete('health');
        else next.set('health', area);
        return next;
      },
      { replace: true },
    );

  if (query.isPending) return <Skeleton height={120} radius="md" />;
  if (query.isError)
    return (
      <ProblemAlert
        title={t('health.loadError')}
        error={query.error}
        onReload={() => void query.refetch()}
      />
    );
  const h = query.data;
  return (
    <Paper withBorder radius="md" p="md" aria-labelledby="health-title" id="health">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} fz="md" id="health-title">
            {t('health.title')}
          </Title>
          <AmpelBadge ampel={h.overall.ampel} size="lg" data-testid="health-overall" />
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('health.score', { score: h.overall.score })}
          </Text>{' '}
          — {h.overall.reason.text[lang]}
        </Text>
        <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="xs">
          {HEALTH_AREAS.map((area) => {
            const a = areaOf(h, area);
            // Not relevant yet in the stage: grey, a dash and those words, never a green 100.
            const relevant = a.applicable;
            const color = relevant ? AMPEL_COLOR[a.ampel] : 'gray';
            return (
              <UnstyledButton
                key={area}
                onClick={() => toggle(area)}
                aria-expanded={open === area}
                aria-label={t('health.showReasons', { area: t(`health.areas.${area}`) })}
                data-testid={`health-cell-${area}`}
                style={{
                  borderRadius: 'var(--mantine-radius-md)',
                  border: `1px solid var(--mantine-color-${color}-${open === area ? 6 : 3})`,
                  padding: 'var(--mantine-spacing-xs)',
                  background: `var(--mantine-color-${color}-light)`,
                }}
              >
                {/* Two lines where a name is long ("Einschätzung der Verantwortlichen"). */}
                <Text size="xs" fw={600} lineClamp={2}>
                  {t(`health.areas.${area}`)}
                </Text>
                <Group gap={4} wrap="nowrap">
                  {relevant ? (
                    <>
                      <AmpelIcon ampel={a.ampel} />
                      <Text size="xs">
                        {t(`health.ampel.${a.ampel}`)} · {a.score}
                      </Text>
                    </>
                  ) : (
                    <Text size="xs" c="dimmed" data-testid={`health-cell-${area}-not-relevant`}>
                      – {t('health.notRelevantShort')}
                    </Text>
                  )}
                </Group>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
        {open ? <Reasons area={open} health={h} /> : null}
        <HealthHistoryBlock initiativeId={initiativeId} />
      </Stack>
    </Paper>
  );
}
