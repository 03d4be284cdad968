import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../../contracts/handoffs.js';
import { HandoffSection } from './HandoffBits.js';

/** What is handed over: each deliverable with its kind, link and description. */
export function HandoffDeliverables({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  return (
    <HandoffSection
      id="handoff-deliverables"
      title={t('handoffs.deliverables')}
      isEmpty={handoff.deliverables.length === 0}
      emptyText={t('handoffs.noDeliverables')}
    >
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {handoff.deliverables.map((d) => (
          <Paper key={d.id} withBorder radius="sm" p="xs" component="li">
            <Group justify="space-between" gap="xs" wrap="wrap">
              {d.link ? (
                <Anchor href={d.link} target="_blank" rel="noreferrer" fw={500} size="sm">
                  <Group gap={4} wrap="nowrap" component="span">
                    {d.title}
                    <IconExternalLink size={14} aria-hidden />
                  </Group>
                </Anchor>
              ) : (
                <Text fw={500} size="sm">
                  {d.title}
                </Text>
              )}
              <Badge variant="default" radius="sm" tt="none" fw={500}>
                {t(`handoffs.kind.${d.kind}`)}
              </Badge>
            </Group>
            {d.description ? (
              <Text size="sm" c="dimmed" mt={4}>
                {d.description}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </HandoffSection>
  );
}
