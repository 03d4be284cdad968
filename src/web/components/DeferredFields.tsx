import { Box, Skeleton, Text } from '@mantine/core';
import { startTransition, useEffect, useState } from 'react';

/**
 * False for the first drawing of a page, true right after it (a transition, so it never holds
 * up anything the reader is doing). A list page draws its filter lists (Mantine Selects, each
 * a few dozen components) only then, so the first rows of a long list show sooner.
 */
export function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    startTransition(() => setReady(true));
  }, []);
  return ready;
}

/** Where a select list will be: its label and a box of the same height, until it is drawn. */
export function FieldPlaceholder({ label }: { label: string }) {
  return (
    <Box aria-hidden>
      <Text size="sm" fw={500} lh={1.55}>
        {label}
      </Text>
      <Skeleton height={36} radius="sm" animate={false} />
    </Box>
  );
}
