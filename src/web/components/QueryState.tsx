import { Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
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

/**
 * What a page shows for one query: skeleton rows while it loads, the problem with a reload
 * button when it failed, else `children` with the data.
 */
export function QueryState<T>({
  query,
  rows,
  height,
  errorTitle,
  children,
}: {
  query: UseQueryResult<T>;
  rows?: number;
  height?: number;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <SkeletonRows rows={rows} height={height} />;
  if (query.isError)
    return (
      <ProblemAlert title={errorTitle} error={query.error} onReload={() => void query.refetch()} />
    );
  return children(query.data);
}
