import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PortfolioCell, PortfolioRow } from '../../../contracts/portfolio.js';
import { currentLanguage } from '../../i18n/index.js';
import { AMPEL_COLOR, AmpelIcon } from './AmpelBadge.js';
import { AREAS, type Area } from './HealthPanel.js';

const PAGE = 100;

/** Where a cell leads: the initiative with that area's reasons open (and its tab). */
export const cellHref = (id: string, area: Area): string =>
  `/initiatives/${encodeURIComponent(id)}?${area === 'owners' ? '' : `tab=${area}&`}health=${area}`;

function Cell({
  row,
  area,
  cell,
  label,
}: {
  row: PortfolioRow;
  area: Area;
  cell: PortfolioCell;
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const ampel = t(`health.ampel.${cell.ampel}`);
  const reason = cell.top?.[lang] ?? '';
  return (
    <Table.Td
      p={0}
      style={{ background: `var(--mantine-color-${AMPEL_COLOR[cell.ampel]}-light)` }}
      data-ampel={cell.ampel}
    >
      <Anchor
        component={Link}
        to={cellHref(row.id, area)}
        underline="never"
        c="inherit"
        title={reason || undefined}
        aria-label={t('portfolio.cellLabel', {
          initiative: row.title,
          area: label ?? t(`health.areas.${area}`),
          ampel,
          score: cell.score,
          reason,
        })}
        data-testid={`cell-${row.id}-${label ? 'overall' : area}`}
        style={{ display: 'block', padding: '6px 8px' }}
      >
        <Group gap={4} wrap="nowrap">
          <Text component="span" c={`${AMPEL_COLOR[cell.ampel]}.8`} lh={1}>
            <AmpelIcon ampel={cell.ampel} />
          </Text>
          <Text size="xs" fw={500}>
            {ampel}
          </Text>
          <Text size="xs" c="dimmed">
            {cell.score}
          </Text>
        </Group>
      </Anchor>
    </Table.Td>
  );
}

/** Initiatives × the four pillars and the owners' view; colour, icon and word in every cell. */
export function PortfolioHeatMap({ rows }: { rows: PortfolioRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const [shown, setShown] = useState(PAGE);
  const visible = rows.slice(0, shown);
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table stickyHeader withTableBorder withColumnBorders verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('portfolio.initiative')}</Table.Th>
              <Table.Th>{t('portfolio.overall')}</Table.Th>
              {AREAS.map((a) => (
                <Table.Th key={a}>{t(`health.areas.${a}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((row) => (
              <Table.Tr key={row.id} data-testid={`portfolio-row-${row.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/initiatives/${row.id}`} size="sm" fw={500}>
                    {row.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.department} · {row.stage.name[lang]}
                  </Text>
                </Table.Td>
                <Cell
                  row={row}
                  label={t('portfolio.overall')}
                  area={row.overall.weakest[0] ?? 'goals'}
                  cell={{
                    ampel: row.overall.ampel,
                    score: row.overall.score,
                    applicable: true,
                    reasons: 0,
                    top: null,
                  }}
                />
                {AREAS.map((a) => (
                  <Cell key={a} row={row} area={a} cell={row.areas[a]} />
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length > shown ? (
        <Group justify="center" mt="sm">
          <Button variant="default" onClick={() => setShown((n) => n + PAGE * 5)}>
            {t('portfolio.showMore', { count: Math.min(PAGE * 5, rows.length - shown) })}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
