import { Anchor, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HealthHistory as History } from '../../../contracts/collaboration-health.js';
import { useFormat } from '../../i18n/format.js';
import { currentLanguage } from '../../i18n/index.js';
import { useHealthHistoryQuery } from './health.queries.js';

/** The score of each snapshot as a small line (0–100), with the numbers in its label. */
function Sparkline({ trend }: { trend: History['trend'] }) {
  const { t } = useTranslation();
  if (trend.length < 2) return null;
  const w = 160;
  const h = 32;
  const points = trend
    .map((p, i) => `${(i / (trend.length - 1)) * w},${h - (p.score / 100) * h}`)
    .join(' ');
  const label = `${t('health.trendLabel', { count: trend.length })}: ${trend.map((p) => p.score).join(', ')}`;
  return (
    <svg width={w} height={h} role="img" aria-label={label} style={{ overflow: 'visible' }}>
      <polyline points={points} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={2} />
    </svg>
  );
}

/** The 90-day trend and what changed since a week ago. Nothing while there is no snapshot. */
export function HealthHistoryBlock({ initiativeId }: { initiativeId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const fmt = useFormat();
  const query = useHealthHistoryQuery(initiativeId);
  if (!query.data || query.data.since === null) return null;
  const { trend, since, appeared, resolved } = query.data;
  const date = fmt.date(since);
  return (
    <Stack gap={4} data-testid="health-history">
      <Group justify="space-between" align="center">
        <Text size="sm" fw={600}>
          {t('health.historyTitle', { date })}
        </Text>
        <Sparkline trend={trend} />
      </Group>
      {appeared.length === 0 && resolved.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('health.noChange', { date })}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {appeared.map((r) => (
            <List.Item key={`a-${r.key}`}>
              <Text span fw={600} c="red.8">
                {t('health.appeared')}:
              </Text>{' '}
              <Anchor component={Link} to={r.href} size="sm">
                {r.text[lang]}
              </Anchor>
            </List.Item>
          ))}
          {resolved.map((r) => (
            <List.Item key={`r-${r.key}`}>
              <Text span fw={600} c="green.8">
                {t('health.resolved')}:
              </Text>{' '}
              <Text span size="sm" td="line-through">
                {r.text[lang]}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
