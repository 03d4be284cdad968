import { Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useFormat } from '../i18n/format.js';
import { ProblemAlert } from './ProblemAlert.js';
import { SkeletonRows } from './QueryState.js';

/**
 * The table of a person's or an initiative's credentials (API tokens, sign-in sessions):
 * skeleton while loading, the problem with a reload, an empty sentence, else one row per item
 * with a last, unlabelled action column; on phones the rows stack (`stack-on-phone`, cells
 * carry `data-label`).
 */
export function CredentialTable<T extends { id: string }>({
  query,
  caption,
  columns,
  actionsLabel,
  minWidth,
  empty,
  row,
}: {
  query: UseQueryResult<T[]>;
  /** Read by screen readers only: the section's title. */
  caption: string;
  columns: string[];
  actionsLabel: string;
  minWidth: number;
  /** Shown instead of an empty table; without it an empty list shows the table's head. */
  empty?: string;
  row: (item: T) => ReactNode;
}) {
  if (query.isPending) return <SkeletonRows rows={2} />;
  if (query.isError)
    return <ProblemAlert error={query.error} onReload={() => void query.refetch()} />;
  if (empty !== undefined && query.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={minWidth} className="stack-on-phone">
      <Table fz="sm" verticalSpacing={6}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
            <Table.Th>
              <span className="visually-hidden">{actionsLabel}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{query.data.map(row)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A "last used" / "last active" cell's content: relative time with the exact one as title. */
export function LastUsed({ at, never }: { at: string | null; never?: string }) {
  const fmt = useFormat();
  if (!at)
    return (
      <Text span c="dimmed" size="sm">
        {never}
      </Text>
    );
  return (
    <time dateTime={at} title={fmt.dateTime(at)}>
      {fmt.relative(at)}
    </time>
  );
}
