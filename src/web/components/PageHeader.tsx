import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link } from 'react-router';

interface PageHeaderProps {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons on the right. */
  actions?: React.ReactNode;
  back?: { to: string; label: string };
  /** Content under the title (badges, meta). */
  children?: React.ReactNode;
}

export function PageHeader({ title, description, actions, back, children }: PageHeaderProps) {
  // Each page names itself in the browser tab and for screen readers.
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} · Tandem`;
  }, [title]);
  return (
    <Stack gap="xs" mb="lg">
      {back ? (
        <Anchor component={Link} to={back.to} size="sm" c="dimmed" w="fit-content">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={14} aria-hidden />
            {back.label}
          </Group>
        </Anchor>
      ) : null}
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Title order={1} fz="h2" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {description ? (
            <Text c="dimmed" size="sm" maw={720}>
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions ? (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        ) : null}
      </Group>
      {children}
    </Stack>
  );
}
