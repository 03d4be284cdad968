import { Skeleton, Stack } from '@mantine/core';
import { ProblemAlert } from './ProblemAlert.js';

/** Skeleton rows while loading. */
export function SkeletonRows({ rows = 5, height = 36 }: { rows?: number; height?: number }) {
  return (
    <Stack gap="xs" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

/** Shows the error of a failed query with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <ProblemAlert error={error} onReload={onRetry} />;
}
