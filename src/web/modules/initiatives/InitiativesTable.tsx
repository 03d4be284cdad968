import { Anchor, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { RISK_CLASSES } from '../../../domain/risk.js';
import { RiskBadge, StatusBadge } from '../../components/Badges.js';
import { PersonChip } from '../../components/PersonChip.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { STATUSES, type SortDir, type SortKey } from './useInitiativeFilters.js';
import { MoreRows, useRowPages } from './useRowPages.js';

const sortValue: Record<SortKey, (i: InitiativeSummary, lang: 'de' | 'en') => string | number> = {
  title: (i) => i.title,
  department: (i) => i.department,
  stage: (i) => i.stage.position,
  businessOwner: (i) => i.businessOwner.name,
  itOwner: (i) => i.itOwner.name,
  status: (i) => STATUSES.indexOf(i.status),
  riskClass: (i) => RISK_CLASSES.indexOf(i.riskClass),
  updated: (i) => i.updatedAt,
};

export function sortInitiatives(
  rows: InitiativeSummary[],
  key: SortKey,
  dir: SortDir,
  language: 'de' | 'en',
): InitiativeSummary[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const get = sortValue[key];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = get(a, language);
    const vb = get(b, language);
    const c =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : collator.compare(String(va), String(vb));
    return c !== 0 ? sign * c : collator.compare(a.title, b.title);
  });
}

interface Props {
  rows: InitiativeSummary[];
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
  /** Rows drawn at first and per step (see useRowPages). */
  pageSize?: number;
}

function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortKey;
  label: string;
  sort: Props['sort'];
  onSort: Props['onSort'];
}) {
  const active = sort.key === column;
  const Icon = !active ? IconArrowsSort : sort.dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ verticalAlign: 'bottom', whiteSpace: 'normal' }}
    >
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm" lh={1.3}>
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.4 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function InitiativesTable({ rows, sort, onSort, pageSize }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = useMemo(
    () => sortInitiatives(rows, sort.key, sort.dir, fmt.language),
    [rows, sort.key, sort.dir, fmt.language],
  );
  const pages = useRowPages(sorted, `${sort.key}:${sort.dir}`, pageSize);
  // Below ~1200 px viewport (content < ~1000 px) the department moves under the title and
  // both owners share one cell, so nothing is cut off on tablets.
  const compact = useMediaQuery('(max-width: 74.99em)') ?? false;
  const columns: [SortKey, string][] = compact
    ? [
        ['title', t('initiatives.table.title')],
        ['stage', t('initiatives.table.stage')],
        ['businessOwner', t('initiatives.table.owners')],
        ['status', t('initiatives.table.status')],
        ['riskClass', t('initiatives.table.riskClass')],
        ['updated', t('initiatives.table.updated')],
      ]
    : [
        ['title', t('initiatives.table.title')],
        ['department', t('initiatives.table.department')],
        ['stage', t('initiatives.table.stage')],
        ['businessOwner', t('initiatives.table.businessOwner')],
        ['itOwner', t('initiatives.table.itOwner')],
        ['status', t('initiatives.table.status')],
        ['riskClass', t('initiatives.table.riskClass')],
        ['updated', t('initiatives.table.updated')],
      ];
  return (
    <>
      <Table.ScrollContainer minWidth={compact ? 640 : 1000}>
        <Table
          highlightOnHover
          horizontalSpacing={compact ? 6 : 'xs'}
          style={{ whiteSpace: compact ? 'normal' : 'nowrap' }}
        >
          <caption className="visually-hidden">{t('initiatives.table.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map(([key, label]) => (
                <SortHeader key={key} column={key} label={label} sort={sort} onSort={onSort} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pages.visible.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td miw={compact ? 150 : 180} style={{ whiteSpace: 'normal' }}>
                  <Anchor component={Link} to={`/initiatives/${row.id}`} fw={600} size="sm">
                    {row.title}
                  </Anchor>
                  {compact ? (
                    <Text size="xs" c="dimmed">
                      {row.department}
                    </Text>
                  ) : null}
                  {row.tags.length > 0 ? (
                    <Text size="xs" c="dimmed" truncate>
                      {row.tags.join(' · ')}
                    </Text>
                  ) : null}
                </Table.Td>
                {compact ? null : (
                  <Table.Td>
                    <Text size="sm">{row.department}</Text>
                  </Table.Td>
                )}
                <Table.Td style={compact ? { whiteSpace: 'normal' } : undefined}>
                  <Text size="sm">{stageName(row.stage, fmt.language)}</Text>
                </Table.Td>
                {compact ? (
                  <Table.Td>
                    <Stack gap={4}>
                      <PersonChip person={row.businessOwner} size={22} />
                      <PersonChip person={row.itOwner} size={22} />
                    </Stack>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td>
                      <PersonChip person={row.businessOwner} size={26} />
                    </Table.Td>
                    <Table.Td>
                      <PersonChip person={row.itOwner} size={26} />
                    </Table.Td>
                  </>
                )}
                <Table.Td>
                  <StatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>
                  <RiskBadge riskClass={row.riskClass} short />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" title={fmt.dateTime(row.updatedAt)}>
                    {fmt.relative(row.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <MoreRows shown={pages.visible.length} total={pages.total} onMore={pages.more} />
    </>
  );
}
