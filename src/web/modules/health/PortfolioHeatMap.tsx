import { Paper, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from '../../lib/phone.js';
import type { PortfolioCell, PortfolioRow } from '../../../contracts/portfolio.js';
import type { Language } from '../../../contracts/common.js';
import { currentLanguage } from '../../i18n/index.js';
import { useVirtualRows } from '../../lib/useVirtualRows.js';
import { AMPEL_COLOR } from './AmpelBadge.js';
import { HEALTH_AREAS, type HealthArea } from '../../../domain/health/types.js';
import classes from './PortfolioHeatMap.module.css';
import { VirtualCardList, VirtualTableBody } from '../../components/VirtualList.js';
import { useRouteLinkClicks } from '../../lib/useRouteLinkClicks.js';

/** A row's height before it is measured (title, department line, cell padding). */
const ROW_ESTIMATE = 54;
/** A phone card's height with the gap below it. */
const CARD_ESTIMATE = 164;
/**
 * Where the table starts on the portfolio page at the least (header, title, filters and the
 * box of what waits, with one line): 372 px on a wide window, 543 with the large demo's nine
 * lines. The first draw has rows from there to the window's bottom (useVirtualRows).
 */
const TOP_AT_LEAST = 340;

/** The start of a 14 px Tabler icon as @tabler/icons-react draws it. */
const SVG_14 =
  '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="tabler-icon tabler-icon-';

/**
 * The cells' Ampel icons (AmpelIcon at its 14 px) as markup, the icon span's content: a
 * screen of rows holds ~120 cells, and as components each icon is five parts (AmpelIcon, the
 * Tabler component, the svg and its paths) that the app takes over one by one as it starts.
 * PortfolioHeatMap.test.tsx holds them equal to AmpelIcon's.
 */
export const CELL_ICON_HTML: Record<PortfolioCell['ampel'], string> = {
  green: `${SVG_14}circle-check" aria-hidden="true"><path d="M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0"></path><path d="M9 12l2 2l4 -4"></path></svg>`,
  amber: `${SVG_14}alert-triangle" aria-hidden="true"><path d="M12 9v4"></path><path d="M10.363 3.591l-8.106 13.534a1.914 1.914 0 0 0 1.636 2.871h16.214a1.914 1.914 0 0 0 1.636 -2.87l-8.106 -13.536a1.914 1.914 0 0 0 -3.274 0"></path><path d="M12 16h.01"></path></svg>`,
  red: `${SVG_14}circle-x" aria-hidden="true"><path d="M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0"></path><path d="M10 10l4 4m0 -4l-4 4"></path></svg>`,
};
const iconHtml = {
  green: { __html: CELL_ICON_HTML.green },
  amber: { __html: CELL_ICON_HTML.amber },
  red: { __html: CELL_ICON_HTML.red },
};
/** A pillar not relevant yet in the initiative's stage: a dash, not an Ampel. */
const NOT_RELEVANT_HTML = { __html: '<span aria-hidden="true">–</span>' };

/** What a cell's accessible name is made of (portfolio.cellLabel). */
export interface CellLabelValues {
  initiative: string;
  area: string;
  ampel: string;
  score: number;
  reason: string;
}

const CELL_LABEL_PARTS = ['initiative', 'area', 'ampel', 'score', 'reason'] as const;
/** Stands for a value in the template (none of the messages holds it). */
const MARK = '\u0000';

/**
 * portfolio.cellLabel as a function that fills the message by hand: i18next's `t()` per cell cost
 * ~15 ms of the portfolio page's takeover (a screen holds ~150 cells). `t()` is asked once, with
 * a mark per value, and the message is split at the marks; the result is `t()`'s own
 * (PortfolioHeatMap.test.tsx holds them equal in both languages).
 */
export function cellLabelTemplate(t: TFunction): (values: CellLabelValues) => string {
  const marked: string = t('portfolio.cellLabel', {
    initiative: `${MARK}0${MARK}`,
    area: `${MARK}1${MARK}`,
    ampel: `${MARK}2${MARK}`,
    score: `${MARK}3${MARK}`,
    reason: `${MARK}4${MARK}`,
  });
  // Even places: the message's own text; odd places: which value goes there.
  const parts = marked.split(MARK);
  const names = parts.map((p, i) => (i % 2 === 1 ? CELL_LABEL_PARTS[Number(p)] : undefined));
  return (values) => {
    let out = parts[0] ?? '';
    for (let i = 1; i < parts.length; i += 2) {
      const name = names[i];
      out += (name ? String(values[name]) : '') + (parts[i + 1] ?? '');
    }
    return out;
  };
}

/** The words every cell uses, made once per language (not per cell). */
interface CellWords {
  ampel: Record<PortfolioCell['ampel'], string>;
  /** A pillar not relevant yet: the cell's word, and the sentence of its accessible name. */
  notRelevant: string;
  notRelevantLong: string;
  overall: string;
  areas: Record<HealthArea, string>;
  /**
   * Each pillar's name where space is short (the table's headings, a card's cells): the owners'
   * view shortened (portfolio.ownersShort; its full name broke inside a word), the others whole.
   */
  headings: Record<HealthArea, string>;
  label: (values: CellLabelValues) => string;
}

function cellWords(t: TFunction): CellWords {
  return {
    ampel: {
      green: t('health.ampel.green'),
      amber: t('health.ampel.amber'),
      red: t('health.ampel.red'),
    },
    notRelevant: t('health.notRelevantShort'),
    notRelevantLong: t('health.notRelevant'),
    overall: t('portfolio.overall'),
    areas: Object.fromEntries(HEALTH_AREAS.map((a) => [a, t(`health.areas.${a}`)])) as Record<
      HealthArea,
      string
    >,
    headings: Object.fromEntries(
      HEALTH_AREAS.map((a) => [
        a,
        a === 'owners' ? t('portfolio.ownersShort') : t(`health.areas.${a}`),
      ]),
    ) as Record<HealthArea, string>,
    label: cellLabelTemplate(t),
  };
}

/** Where a cell leads: the initiative with that area's reasons open (and its tab). */
export const cellHref = (id: string, area: HealthArea): string =>
  `/initiatives/${encodeURIComponent(id)}?${area === 'owners' ? '' : `tab=${area}&`}health=${area}`;

interface CellProps {
  row: PortfolioRow;
  area: HealthArea;
  cell: Pick<PortfolioCell, 'ampel' | 'score' | 'top'> & { applicable?: boolean };
  /** The column's name ("Overall" for the first; the area's otherwise). */
  label: string;
  /** The name a card shows above the value (the column's heading: CellWords.headings). */
  heading: string;
  overall?: boolean;
  words: CellWords;
  lang: Language;
}

/**
 * One cell's link: colour, icon, word and score. Plain elements (no Mantine per cell, a plain
 * link that the table's one click handler opens in the app: useRouteLinkClicks) and the words
 * made once (cellWords): a screen holds ~150 cells, each drawn again while scrolling.
 */
function CellLink({
  row,
  area,
  cell,
  label,
  heading,
  overall,
  words,
  lang,
  withArea,
}: CellProps & { withArea?: boolean }) {
  // A pillar not relevant yet in the stage (an idea needs no goal yet) is no green 100: it
  // says so, in grey, as the status report does.
  const relevant = cell.applicable !== false;
  const ampel = relevant ? words.ampel[cell.ampel] : words.notRelevant;
  const reason = cell.top?.[lang] ?? '';
  const color = relevant ? AMPEL_COLOR[cell.ampel] : 'gray';
  return (
    <a
      href={cellHref(row.id, area)}
      data-route
      className={classes.cell}
      title={reason || undefined}
      aria-label={
        relevant
          ? words.label({
              initiative: row.title,
              area: label,
              ampel,
              score: cell.score,
              reason,
            })
          : `${row.title}, ${label}: ${words.notRelevantLong}`
      }
      data-testid={`cell-${row.id}-${overall ? 'overall' : area}`}
      data-ampel={cell.ampel}
      data-relevant={relevant ? undefined : 'false'}
      style={{ background: `var(--mantine-color-${color}-light)` }}
    >
      {/* The accessible name above keeps the full name. */}
      {withArea ? <span className={classes.area}>{heading}</span> : null}
      <span className={relevant ? classes.value : `${classes.value} ${classes.wraps}`}>
        <span
          className={classes.icon}
          style={{ color: `var(--mantine-color-${color}-8)` }}
          // Static markup of this file (CELL_ICON_HTML, NOT_RELEVANT_HTML), no data in it.
          dangerouslySetInnerHTML={relevant ? iconHtml[cell.ampel] : NOT_RELEVANT_HTML}
        />
        <span className={classes.word}>{ampel}</span>
        {relevant ? <span className={classes.score}>{cell.score}</span> : null}
      </span>
    </a>
  );
}

/** The row's cells: overall first (leading to its weakest area), then the five areas. */
function cellsOf(row: PortfolioRow, words: CellWords, lang: Language): CellProps[] {
  const base = { row, words, lang };
  return [
    {
      ...base,
      area: row.overall.weakest[0] ?? 'goals',
      cell: { ampel: row.overall.ampel, score: row.overall.score, top: null },
      label: words.overall,
      heading: words.overall,
      overall: true,
    },
    ...HEALTH_AREAS.map((a) => ({
      ...base,
      area: a,
      cell: row.areas[a],
      label: words.areas[a],
      heading: words.headings[a],
    })),
  ];
}

const td = Table.classes.td;

/**
 * One row of the table; memoised, so rows already drawn stay as they are while others scroll
 * in. Plain elements with Mantine's table classes (the attributes its table parts would set for
 * this table: row and column borders) instead of a Mantine component per cell.
 */
const HeatRow = memo(function HeatRow({
  row,
  index,
  measure,
  words,
  lang,
}: {
  row: PortfolioRow;
  index: number;
  measure: ((el: Element | null) => void) | undefined;
  words: CellWords;
  lang: Language;
}) {
  return (
    <tr
      className={Table.classes.tr}
      data-with-row-border
      data-index={index}
      ref={measure}
      aria-rowindex={index + 2}
      data-testid={`portfolio-row-${row.id}`}
    >
      <td className={`${td} ${classes.title}`} data-with-column-border>
        <a
          href={`/initiatives/${row.id}`}
          data-route
          className={`mantine-focus-auto ${classes.titleLink}`}
        >
          {row.title}
        </a>
        <span className={classes.detail}>
          {row.department} · {row.stage.name[lang]}
        </span>
      </td>
      {cellsOf(row, words, lang).map((c) => (
        <td
          key={c.label}
          className={td}
          data-with-column-border
          data-ampel={c.cell.ampel}
          style={{
            padding: 0,
            // The cell's colour to its edges: grey for a pillar not relevant yet.
            background: `var(--mantine-color-${c.cell.applicable === false ? 'gray' : AMPEL_COLOR[c.cell.ampel]}-light)`,
          }}
        >
          <CellLink {...c} />
        </td>
      ))}
    </tr>
  );
});

/**
 * Initiatives × the four pillars and the owners' view; colour, icon and word in every cell.
 * All rows are one list that scrolls with the page, and only those in and near the window
 * are drawn (useVirtualRows); the table says how many rows it has (aria-rowcount) and where
 * each drawn row stands. Printing draws them all. On a phone each initiative is a card with
 * its six cells in a grid, as a table would scroll sideways. The table scrolls sideways in a
 * plain box (type="native"): Mantine's ScrollArea measures its content as the page first draws.
 */
export const PortfolioHeatMap = memo(function PortfolioHeatMap({ rows }: { rows: PortfolioRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  // `t` is a new function when the language changes: the words are made again then.
  const words = useMemo(() => cellWords(t), [t]);
  const phone = usePhone();
  const virtual = useVirtualRows(rows.length, phone ? CARD_ESTIMATE : ROW_ESTIMATE, {
    top: TOP_AT_LEAST,
  });
  const onLinkClick = useRouteLinkClicks();

  if (phone)
    return (
      // Catches clicks on the cards' links inside (Enter on a link is a click too).
      <div onClick={onLinkClick}>
        <VirtualCardList
          virtual={virtual}
          rows={rows}
          label={t('portfolio.title')}
          listClassName={classes.cards}
          itemClassName={classes.cardItem}
          testId={(row) => `portfolio-row-${row.id}`}
          card={(row) => (
            <Paper withBorder radius="md" p="xs">
              <a
                href={`/initiatives/${row.id}`}
                data-route
                className={`mantine-focus-auto ${classes.cardTitle}`}
              >
                {row.title}
              </a>
              <Text size="xs" c="dimmed" mb={6}>
                {row.department} · {row.stage.name[lang]}
              </Text>
              <div className={classes.cardGrid}>
                {cellsOf(row, words, lang).map((c) => (
                  <CellLink key={c.label} {...c} withArea />
                ))}
              </div>
            </Paper>
          )}
        />
      </div>
    );

  return (
    <Table.ScrollContainer minWidth={700} type="native">
      <Table
        withTableBorder
        withColumnBorders
        verticalSpacing={4}
        style={{ tableLayout: 'fixed' }}
        aria-rowcount={rows.length + 1}
        onClick={onLinkClick}
      >
        <colgroup>
          <col style={{ width: '22%' }} />
          {Array.from({ length: HEALTH_AREAS.length + 1 }, (_, i) => (
            <col key={i} style={{ width: `${78 / (HEALTH_AREAS.length + 1)}%` }} />
          ))}
        </colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            <Table.Th fz="xs">{t('portfolio.initiative')}</Table.Th>
            <Table.Th fz="xs" px={6}>
              {t('portfolio.overall')}
            </Table.Th>
            {/* Whole words only (a heading broken inside a word reads badly); a shortened
                heading has the full words as its title. */}
            {HEALTH_AREAS.map((a) => (
              <Table.Th
                key={a}
                fz="xs"
                px={6}
                title={words.headings[a] === words.areas[a] ? undefined : words.areas[a]}
              >
                {words.headings[a]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <VirtualTableBody
          virtual={virtual}
          rows={rows}
          columns={HEALTH_AREAS.length + 2}
          row={(row, index) => (
            <HeatRow
              key={row.id}
              row={row}
              index={index}
              measure={virtual.measure}
              words={words}
              lang={lang}
            />
          )}
        />
      </Table>
    </Table.ScrollContainer>
  );
});
