import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GoalDetail } from '../../../contracts/goals.js';
import { PersonChip } from '../../components/PersonChip.js';
import { SideColumn } from '../../components/SideColumn.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { DirectionIcon } from '../metrics/MetricValue.js';
import { formatValue } from './goal-format.js';
import { SIDES } from '../../../domain/sides.js';

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} component="div" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Text>
    </div>
  );
}

/** The signed terms of a goal: metric, baseline, target, due date and who is responsible. */
export function GoalTerms({ goal }: { goal: GoalDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unit = goal.metric?.unit;
  const open = (
    <Text span c="dimmed" fw={400} size="sm">
      {t('goals.terms.open')}
    </Text>
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Term label={t('goals.field.metricId')}>
          {goal.metric ? (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <span style={{ flexShrink: 0 }}>
                <DirectionIcon direction={goal.metric.direction} size={16} />
              </span>
              <span style={{ overflowWrap: 'anywhere' }}>{goal.metric.name}</span>
            </Group>
          ) : (
            open
          )}
        </Term>
        <Term label={t('goals.field.baselineValue')}>
          {goal.baselineValue === null ? open : formatValue(fmt, goal.baselineValue, unit)}
          {goal.baselineDate ? (
            <Text size="xs" c="dimmed" fw={400}>
              {t('goals.terms.asOf', { date: formatDay(fmt, goal.baselineDate) })}
            </Text>
          ) : null}
        </Term>
        <Term label={t('goals.field.targetValue')}>
          {goal.targetValue === null ? open : formatValue(fmt, goal.targetValue, unit)}
          {goal.metric ? (
            <Text size="xs" c="dimmed" fw={400}>
              {t(`metrics.direction.${goal.metric.direction}`)}
            </Text>
          ) : null}
        </Term>
        <Term label={t('goals.field.dueDate')}>
          {goal.dueDate === null ? open : formatDay(fmt, goal.dueDate)}
        </Term>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {SIDES.map((side) => {
          const person = side === 'business' ? goal.businessResponsible : goal.itResponsible;
          return (
            <SideColumn key={side} side={side} gap={4}>
              <Text size="xs" c="dimmed">
                {t(
                  `goals.field.${side === 'business' ? 'businessResponsibleId' : 'itResponsibleId'}`,
                )}
              </Text>
              {person ? (
                <PersonChip person={person} detail={person.department} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('goals.terms.open')}
                </Text>
              )}
            </SideColumn>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
