import { Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Direction } from '../../../contracts/metrics.js';
import { gateItems, type GateIssue } from './goal-format.js';

interface GateChecklistProps {
  /** What keeps the goal from being proposed (the server's `gate`, or the form's live one). */
  gate: readonly GateIssue[];
  /** The chosen metric's direction, to say which way the target must lie. */
  direction: Direction | null;
  /** Shows the heading ("What is missing before both sides can sign"). */
  withTitle?: boolean;
}

/**
 * The quality gate as a checklist both sides can read: every point in plain words, a tick for
 * what is in place and an open circle for what is still missing.
 */
export function GateChecklist({ gate, direction, withTitle = true }: GateChecklistProps) {
  const { t } = useTranslation();
  const items = gateItems(gate, t, direction);
  const missing = items.filter((i) => !i.ok).length;
  return (
    <Stack gap="xs">
      {withTitle ? (
        <Title order={3} fz="sm" id="gate-title">
          {missing === 0 ? t('goals.gate.readyTitle') : t('goals.gate.title')}
        </Title>
      ) : null}
      <List
        spacing={6}
        size="sm"
        center
        aria-labelledby={withTitle ? 'gate-title' : undefined}
        aria-label={withTitle ? undefined : t('goals.gate.title')}
        data-testid="gate-checklist"
      >
        {items.map((item) => (
          <List.Item
            key={item.field}
            data-field={item.field}
            data-ok={item.ok}
            icon={
              item.ok ? (
                <ThemeIcon color="blue" size={20} radius="xl" variant="light">
                  <IconCheck size={13} stroke={3} aria-hidden />
                </ThemeIcon>
              ) : (
                <ThemeIcon color="gray" size={20} radius="xl" variant="transparent">
                  <IconCircleDashed size={18} aria-hidden />
                </ThemeIcon>
              )
            }
          >
            <Text size="sm" c={item.ok ? 'dimmed' : undefined} fw={item.ok ? 400 : 500}>
              <span className="visually-hidden">
                {item.ok ? t('goals.gate.done') : t('goals.gate.open')}:{' '}
              </span>
              {item.text}
            </Text>
          </List.Item>
        ))}
      </List>
      {missing === 0 ? (
        <Group gap={6}>
          <Text size="sm" c="blue" fw={500}>
            {t('goals.gate.ready')}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
