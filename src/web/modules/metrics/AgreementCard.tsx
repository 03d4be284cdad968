import { Anchor, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The frame of a card for something both sides sign (a metric, a goal): its linked title
 * with a line under it, its badges on the right, then the card's own content.
 */
export function AgreementCard({
  titleId,
  to,
  title,
  subline,
  badges,
  keepBadgesWidth = false,
  testId,
  children,
}: {
  titleId: string;
  to: string;
  title: string;
  subline: ReactNode;
  badges: ReactNode;
  /** Long titles wrap instead of squeezing the badges. */
  keepBadgesWidth?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={3} fz="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              <Anchor component={Link} to={to} inherit>
                {title}
              </Anchor>
            </Title>
            {subline}
          </Stack>
          <Stack gap={4} align="flex-end" style={keepBadgesWidth ? { flexShrink: 0 } : undefined}>
            {badges}
          </Stack>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
