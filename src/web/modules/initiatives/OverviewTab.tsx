import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconEye, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Initiative } from '../../../contracts/initiatives.js';
import { RiskBadge } from '../../components/Badges.js';
import { useFormat } from '../../i18n/format.js';
import { GoalsStrip } from '../goals/GoalsStrip.js';
import { WeeklyUpdateCard } from '../health/WeeklyUpdateCard.js';
import { SectionLabel } from '../../components/SectionLabel.js';

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <SectionLabel order={3} mb="xs">
        {title}
      </SectionLabel>
      {children}
    </Paper>
  );
}

const paragraphs = (text: string) => (
  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
    {text}
  </Text>
);

export function OverviewTab({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap="md">
      <GoalsStrip initiative={initiative} />
      <WeeklyUpdateCard initiativeId={initiative.id} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Block title={t('initiative.problem')}>{paragraphs(initiative.problem)}</Block>
        <Block title={t('initiative.expectedBenefit')}>
          {paragraphs(initiative.expectedBenefit)}
        </Block>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Block title={t('initiative.tags')}>
          {initiative.tags.length ? (
            <Group gap={6}>
              {initiative.tags.map((tag) => (
                <Badge key={tag} variant="default" radius="sm" tt="none" fw={500}>
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('initiative.noTags')}
            </Text>
          )}
        </Block>
        <Block title={t('initiative.visibility')}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            {initiative.visibility === 'company' ? (
              <IconEye size={18} aria-hidden />
            ) : (
              <IconUsersGroup size={18} aria-hidden />
            )}
            <div>
              <Text size="sm" fw={500}>
                {t(`visibility.${initiative.visibility}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {initiative.visibility === 'company'
                  ? t('visibility.companyHint')
                  : t('visibility.membersHint')}
              </Text>
            </div>
          </Group>
        </Block>
        <Block title={t('risk.label')}>
          <Stack gap={6}>
            <RiskBadge riskClass={initiative.riskClass} w="fit-content" />
            {initiative.riskJustification ? (
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {t('initiative.riskJustification')}: {initiative.riskJustification}
              </Text>
            ) : null}
          </Stack>
        </Block>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('initiative.createdAt', { date: fmt.dateTime(initiative.createdAt) })} ·{' '}
        {t('initiative.updatedAt', { date: fmt.dateTime(initiative.updatedAt) })}
      </Text>
    </Stack>
  );
}
