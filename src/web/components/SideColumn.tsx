import { Stack, type MantineSpacing } from '@mantine/core';
import type { Side } from '../../contracts/common.js';
import { SIDE_COLOR } from './sides.js';

/** What belongs to one side, marked by the side's colour along its left edge. */
export function SideColumn({
  side,
  gap,
  children,
}: {
  side: Side;
  gap: MantineSpacing;
  children: React.ReactNode;
}) {
  return (
    <Stack
      gap={gap}
      pl="sm"
      style={{ borderLeft: `3px solid var(--mantine-color-${SIDE_COLOR[side]}-6)` }}
    >
      {children}
    </Stack>
  );
}
