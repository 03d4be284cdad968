import { useScreenQuery } from '../../lib/phone.js';
import { Group, Table, UnstyledButton, useMantineTheme, type MantineTheme } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { RISK_CLASSES } from '../../../domain/risk.js';
import { RowRiskBadge, RowStatusBadge } from '../../components/Badges.js';
import { RowAvatar } from '../../components/PersonChip.js';
import css from './InitiativesTable.module.css';
import { formattersFor, stageName, useFormat } from '../../i18n/format.js';
import { currentLanguage } from '../../i18n/index.js';
import { STATUSES, type SortDir, type SortKey } from './useInitiativeFilters.js';
import { useVirtualRows } from '../../lib/useVirtualRows.js';
import { useRouteLinkClicks } from '../../lib/useRouteLinkClicks.js';
import { VirtualTableBody } from '../../components/VirtualList.js';

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
    // Numbers and timestamps (ISO 8601 sorts as text) need no collation, which is costly.
    const c =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : key === 'updated'
          ? String(va) < String(vb)
            ? -1
            : String(va) > String(vb)
              ? 1
              : 0
          : collator.compare(String(va), String(vb));
    return c !== 0 ? sign * c : collator.compare(a.title, b.title);
  });
}

interface Props {
  rows: InitiativeSummary[];
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
}

/** A row's height before it is measured (title, tags line, cell padding). */
const ROW_ESTIMATE = 58;
/**
 * Where the table starts on the initiatives page at the least (header, title, filters): 401 px
 * from 1024 to 1920 px wide. The first draw has rows from there to the window's bottom
 * (useVirtualRows).
 */
const TOP_AT_LEAST = 340;

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

/** Column widths: fixed, so columns keep their width while other rows scroll into view. */
const WIDE_COLUMNS = [
  ['title', 'initiatives.table.title', '21%'],
  ['department', 'initiatives.table.department', '10%'],
  ['stage', 'initiatives.table.stage', '10%'],
  ['businessOwner', 'initiatives.table.businessOwner', '13%'],
  ['itOwner', 'initiatives.table.itOwner', '13%'],
  ['status', 'initiatives.table.status', '11%'],
  ['riskClass', 'initiatives.table.riskClass', '11%'],
  ['updated', 'initiatives.table.updated', '11%'],
] as const satisfies readonly (readonly [SortKey, string, string])[];
const COMPACT_COLUMNS = [
  ['title', 'initiatives.table.title', '26%'],
  ['stage', 'initiatives.table.stage', '12%'],
  ['businessOwner', 'initiatives.table.owners', '21%'],
  ['status', 'initiatives.table.status', '14%'],
  ['riskClass', 'initiatives.table.riskClass', '14%'],
  ['updated', 'initiatives.table.updated', '13%'],
] as const satisfies readonly (readonly [SortKey, string, string])[];

const clip: React.CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis' };

/**
 * An owner in a cell: the side-coloured avatar and the name (the side spoken). The row passes
 * the words for the side in: one translation hook per row rather than one per owner cell.
 */
function OwnerCell({
  person,
  size,
  side,
  theme,
}: {
  person: InitiativeSummary['businessOwner'];
  size: number;
  side: string;
  theme: MantineTheme;
}) {
  return (
    <div className={css.person}>
      <RowAvatar person={person} size={size} sideWord={side} theme={theme} />
      <div className={css.personName}>
        {person.name}
        <span className="visually-hidden"> ({side})</span>
      </div>
    </div>
  );
}

const td = Table.classes.td;

/**
 * One row; memoised, so the list drawing again (rows scrolling in, the filters' data arriving)
 * leaves the rows already drawn alone. Plain elements with Mantine's table classes and a CSS
 * module instead of a Mantine component per cell (the badges and avatars too, with Mantine's
 * markup), and a plain link (useRouteLinkClicks): a screen of rows is most of what the page
 * draws before the first row shows, and most of what the app takes over after.
 */
const Row = memo(function Row({
  row,
  index,
  compact,
  measure,
  theme,
}: {
  row: InitiativeSummary;
  index: number;
  compact: boolean;
  measure: ((el: Element | null) => void) | undefined;
  theme: MantineTheme;
}) {
  // One translation hook per row (the formatters and the owners' sides from it).
  const { t, i18n } = useTranslation();
  const fmt = formattersFor(currentLanguage(i18n.resolvedLanguage ?? i18n.language));
  const side = (p: InitiativeSummary['businessOwner']) => t(`side.${p.side}`);
  return (
    <tr
      className={Table.classes.tr}
      data-with-row-border
      data-hover
      data-index={index}
      ref={measure}
      aria-rowindex={index + 2}
    >
      <td className={td} style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
        <a href={`/initiatives/${row.id}`} data-route className={`mantine-focus-auto ${css.title}`}>
          {row.title}
        </a>
        {compact ? <span className={css.sub}>{row.department}</span> : null}
        {row.tags.length > 0 ? (
          <span className={`${css.sub} ${css.truncate}`}>{row.tags.join(' · ')}</span>
        ) : null}
      </td>
      {compact ? null : (
        <td className={td} style={clip} title={row.department}>
          <span className={css.text}>{row.department}</span>
        </td>
      )}
      <td className={td} style={compact ? { whiteSpace: 'normal' } : clip}>
        <span className={css.text}>{stageName(row.stage, fmt.language)}</span>
      </td>
      {compact ? (
        <td className={td} style={clip}>
          <div className={css.owners}>
            <OwnerCell
              person={row.businessOwner}
              size={22}
              side={side(row.businessOwner)}
              theme={theme}
            />
            <OwnerCell person={row.itOwner} size={22} side={side(row.itOwner)} theme={theme} />
          </div>
        </td>
      ) : (
        <>
          <td className={td} style={clip}>
            <OwnerCell
              person={row.businessOwner}
              size={26}
              side={side(row.businessOwner)}
              theme={theme}
            />
          </td>
          <td className={td} style={clip}>
            <OwnerCell person={row.itOwner} size={26} side={side(row.itOwner)} theme={theme} />
          </td>
        </>
      )}
      <td className={td} style={clip}>
        <RowStatusBadge status={row.status} t={t} theme={theme} />
      </td>
      <td className={td} style={clip}>
        <RowRiskBadge riskClass={row.riskClass} t={t} theme={theme} />
      </td>
      <td className={td} style={clip}>
        <span className={css.dimmed} title={fmt.dateTime(row.updatedAt)}>
          {fmt.relative(row.updatedAt)}
        </span>
      </td>
    </tr>
  );
});

/**
 * All initiatives in one table that scrolls with the page; only the rows in and near the
 * window are drawn (useVirtualRows), so a thousand rows show as fast as thirty. The table
 * says how many rows it has (aria-rowcount) and where each drawn row stands (aria-rowindex);
 * printing draws them all. It scrolls sideways in a plain box (type="native"): Mantine's
 * ScrollArea measures its content while the page first draws (a forced layout).
 */
export const InitiativesTable = memo(function InitiativesTable({ rows, sort, onSort }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const theme = useMantineTheme();
  const sorted = useMemo(
    () => sortInitiatives(rows, sort.key, sort.dir, fmt.language),
    [rows, sort.key, sort.dir, fmt.language],
  );
  // Below ~1200 px viewport (content < ~1000 px) the department moves under the title and
  // both owners share one cell, so nothing is cut off on tablets.
  const compact = useScreenQuery('(max-width: 74.99em)');
  const columns: readonly (typeof WIDE_COLUMNS | typeof COMPACT_COLUMNS)[number][] = compact
    ? COMPACT_COLUMNS
    : WIDE_COLUMNS;
  const virtual = useVirtualRows(sorted.length, compact ? ROW_ESTIMATE + 16 : ROW_ESTIMATE, {
    top: TOP_AT_LEAST,
  });
  // The rows' title links are plain links, opened in the app by this one handler.
  const onLinkClick = useRouteLinkClicks();
  return (
    <Table.ScrollContainer minWidth={compact ? 640 : 1000} type="native">
      <Table
        highlightOnHover
        horizontalSpacing={compact ? 6 : 'xs'}
        style={{ tableLayout: 'fixed', whiteSpace: compact ? 'normal' : 'nowrap' }}
        aria-rowcount={sorted.length + 1}
        onClick={onLinkClick}
      >
        <caption className="visually-hidden">{t('initiatives.table.caption')}</caption>
        <colgroup>
          {columns.map(([key, , width]) => (
            <col key={key} style={{ width }} />
          ))}
        </colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            {columns.map(([key, label]) => (
              <SortHeader key={key} column={key} label={t(label)} sort={sort} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <VirtualTableBody
          virtual={virtual}
          rows={sorted}
          columns={columns.length}
          row={(row, index) => (
            <Row
              key={row.id}
              row={row}
              index={index}
              compact={compact}
              measure={virtual.measure}
              theme={theme}
            />
          )}
        />
      </Table>
    </Table.ScrollContainer>
  );
});
