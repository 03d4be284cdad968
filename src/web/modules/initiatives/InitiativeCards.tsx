import { ActionIcon, Anchor, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { RiskBadge, StatusBadge } from '../../components/Badges.js';
import { PersonChip } from '../../components/PersonChip.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { sortInitiatives } from './InitiativesTable.js';
import { SORT_KEYS, type SortDir, type SortKey } from './useInitiativeFilters.js';
import { useVirtualRows } from '../../lib/useVirtualRows.js';
import { VirtualCardList } from '../../components/VirtualList.js';

const SORT_LABEL = {
  title: 'initiatives.table.title',
  department: 'initiatives.table.department',
  stage: 'initiatives.table.stage',
  businessOwner: 'initiatives.table.businessOwner',
  itOwner: 'initiatives.table.itOwner',
  status: 'initiatives.table.status',
  riskClass: 'initiatives.table.riskClass',
  updated: 'initiatives.table.updated',
} as const satisfies Record<SortKey, string>;

/** A card's height (with the gap below it) before it is measured. */
const CARD_ESTIMATE = 150;
const GAP = 12;

/**
 * The initiatives on a phone: one card each, every name whole (a table would scroll sideways
 * and cut them), sorted by a choice above the list that the URL keeps like the table's. Only
 * the cards in and near the window are drawn (useVirtualRows); the list says how many there
 * are (aria-setsize) and where each drawn one stands (aria-posinset).
 */
export const InitiativeCards = memo(function InitiativeCards({
  rows,
  sort,
  onSort,
}: {
  rows: InitiativeSummary[];
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = useMemo(
    () => sortInitiatives(rows, sort.key, sort.dir, fmt.language),
    [rows, sort.key, sort.dir, fmt.language],
  );
  const virtual = useVirtualRows(sorted.length, CARD_ESTIMATE);
  const now = new Date();
  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label={t('initiatives.sortBy')}
          data={SORT_KEYS.map((k) => ({ value: k, label: t(SORT_LABEL[k]) }))}
          value={sort.key}
          onChange={(v) => {
            const key = SORT_KEYS.find((k) => k === v);
            if (key && key !== sort.key) onSort(key);
          }}
          allowDeselect={false}
          style={{ flex: 1 }}
        />
        <ActionIcon
          variant="default"
          size={36}
          onClick={() => onSort(sort.key)}
          aria-label={
            sort.dir === 'asc' ? t('initiatives.sortAscending') : t('initiatives.sortDescending')
          }
        >
          {sort.dir === 'asc' ? (
            <IconSortAscending size={18} aria-hidden />
          ) : (
            <IconSortDescending size={18} aria-hidden />
          )}
        </ActionIcon>
      </Group>
      <VirtualCardList
        virtual={virtual}
        rows={sorted}
        label={t('initiatives.table.caption')}
        listStyle={{ listStyle: 'none', margin: 0, padding: 0 }}
        itemStyle={{ paddingBottom: GAP }}
        testId={() => 'initiative-card'}
        card={(row) => (
          <Paper withBorder radius="md" p="sm">
            <Stack gap={6}>
              <Anchor component={Link} to={`/initiatives/${row.id}`} fw={600}>
                {row.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {row.department} · {stageName(row.stage, fmt.language)}
              </Text>
              <Group gap="md" wrap="wrap">
                <PersonChip person={row.businessOwner} size={22} />
                <PersonChip person={row.itOwner} size={22} />
              </Group>
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Group gap={6}>
                  <StatusBadge status={row.status} />
                  <RiskBadge riskClass={row.riskClass} short />
                </Group>
                <Text size="xs" c="dimmed" title={fmt.dateTime(row.updatedAt)}>
                  {t('initiatives.changed', { when: fmt.relative(row.updatedAt, now) })}
                </Text>
              </Group>
            </Stack>
          </Paper>
        )}
      />
    </Stack>
  );
});
