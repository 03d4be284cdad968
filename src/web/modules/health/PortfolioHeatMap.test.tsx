import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Table } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import type { PortfolioRow } from '../../../contracts/portfolio.js';
import i18n from '../../i18n/index.js';
import { portfolioCell, portfolioRow } from '../../test-support/portfolio.js';
import { renderWithProviders } from '../../test-utils.js';
import { asPhone } from '../../test-support/viewport.js';
import { renderToStaticMarkup } from 'react-dom/server';
import { AmpelIcon } from './AmpelBadge.js';
import {
  CELL_ICON_HTML,
  cellHref,
  cellLabelTemplate,
  PortfolioHeatMap,
} from './PortfolioHeatMap.js';

/** A pilot that is amber overall (its handoffs); `areas` names the cells that differ. */
const row = (id: string, title: string, areas: Partial<PortfolioRow['areas']> = {}) =>
  portfolioRow(id, title, { overall: { ampel: 'amber', score: 75, weakest: ['handoffs'] }, areas });

const rows = [
  row('i-1', 'Lead scoring', {
    handoffs: portfolioCell({
      ampel: 'amber',
      score: 75,
      reasons: 1,
      top: {
        en: 'Handoff “Spec” returned 2 times.',
        de: 'Übergabe „Spec“ 2-mal zurückgegeben.',
      },
    }),
  }),
  row('i-2', 'Invoice bot', { goals: portfolioCell({ ampel: 'red', score: 20, reasons: 2 }) }),
];

describe('PortfolioHeatMap', () => {
  it.each(['green', 'amber', 'red'] as const)(
    'draws the %s icon in its cells as AmpelIcon draws it (its markup, not its components)',
    (ampel) => {
      expect(CELL_ICON_HTML[ampel]).toBe(renderToStaticMarkup(<AmpelIcon ampel={ampel} />));
      renderWithProviders(
        <PortfolioHeatMap
          rows={[portfolioRow('p1', 'One', { overall: { ampel, score: 50, weakest: [] } })]}
        />,
      );
      const icon = screen.getByTestId('cell-p1-overall').querySelector('svg');
      expect(icon?.outerHTML).toBe(renderToStaticMarkup(<AmpelIcon ampel={ampel} />));
    },
  );

  it('shows every cell as colour, icon AND word, and links it to the initiative at that pillar', async () => {
    renderWithProviders(<PortfolioHeatMap rows={rows} />);
    const lead = screen.getByTestId('portfolio-row-i-1');
    const handoffs = within(lead).getByTestId('cell-i-1-handoffs');
    expect(handoffs).toHaveTextContent('Amber');
    expect(handoffs).toHaveTextContent('75');
    expect(handoffs).toHaveAttribute('href', '/initiatives/i-1?tab=handoffs&health=handoffs');
    expect(handoffs).toHaveAccessibleName(
      'Lead scoring, Handoffs: Amber, 75 of 100. Handoff “Spec” returned 2 times.',
    );
    expect(handoffs.querySelector('svg')).toBeInTheDocument();
    const goals = screen.getByTestId('cell-i-2-goals');
    expect(goals).toHaveTextContent('Red');
    expect(goals.closest('td')).toHaveAttribute('data-ampel', 'red');
    expect(screen.getByTestId('cell-i-1-overall')).toHaveTextContent('Amber');

    await userEvent.click(handoffs);
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/initiatives/i-1?tab=handoffs&health=handoffs',
    );
  });

  it('shows a pillar not relevant yet in the stage in grey with those words, not as green 100', async () => {
    const idea = row('i-3', 'Idea', {
      goals: portfolioCell({ applicable: false }),
      demos: portfolioCell({ applicable: false }),
    });
    renderWithProviders(<PortfolioHeatMap rows={[idea]} />);
    const goals = screen.getByTestId('cell-i-3-goals');
    expect(goals).toHaveTextContent('Not relevant yet');
    expect(goals).not.toHaveTextContent('Green');
    expect(goals).not.toHaveTextContent('100');
    expect(goals.querySelector('svg')).not.toBeInTheDocument();
    expect(goals).toHaveAccessibleName('Idea, Goals: Not relevant yet in this stage');
    expect(goals).toHaveAttribute('data-relevant', 'false');
    expect(goals.closest('td')?.getAttribute('style')).toContain('--mantine-color-gray-light');
    // The relevant ones as before.
    expect(screen.getByTestId('cell-i-3-handoffs')).toHaveTextContent('Green100');
    await act(() => i18n.changeLanguage('de'));
    expect(screen.getByTestId('cell-i-3-demos')).toHaveTextContent('Noch nicht relevant');
    expect(screen.getByTestId('cell-i-3-demos')).toHaveAccessibleName(
      'Idea, Demos: In dieser Phase noch nicht relevant',
    );
    await act(() => i18n.changeLanguage('en'));
  });

  it('draws its rows as Mantine’s table parts would for this table (classes, borders)', () => {
    renderWithProviders(<PortfolioHeatMap rows={rows} />);
    const lead = screen.getByTestId('portfolio-row-i-1');
    expect(lead).toHaveClass(Table.classes.tr ?? 'missing');
    expect(lead).toHaveAttribute('data-with-row-border');
    // The same attributes as the header's cells (drawn by Mantine's own Table.Th).
    const header = screen.getAllByRole('columnheader')[1];
    expect(header).toHaveAttribute('data-with-column-border');
    for (const cell of within(lead).getAllByRole('cell')) {
      expect(cell).toHaveClass(Table.classes.td ?? 'missing');
      expect(cell).toHaveAttribute('data-with-column-border');
    }
    expect(within(lead).getByRole('link', { name: 'Lead scoring' })).toHaveAttribute(
      'href',
      '/initiatives/i-1',
    );
  });

  it('speaks German', async () => {
    await i18n.changeLanguage('de');
    renderWithProviders(<PortfolioHeatMap rows={rows} />);
    const handoffs = screen.getByTestId('cell-i-1-handoffs');
    expect(handoffs).toHaveTextContent('Gelb');
    expect(handoffs).toHaveAccessibleName(
      'Lead scoring, Übergaben: Gelb, 75 von 100. Übergabe „Spec“ 2-mal zurückgegeben.',
    );
    expect(screen.getAllByText('Sales · Pilotbetrieb')).toHaveLength(2);
  });

  it.each(['de', 'en'] as const)(
    'fills the cell label (%s) exactly as t() does, once made per language',
    async (lng) => {
      await i18n.changeLanguage(lng);
      const label = cellLabelTemplate(i18n.t);
      for (const values of [
        { initiative: 'Lead scoring', area: 'Handoffs', ampel: 'Amber', score: 75, reason: 'x' },
        { initiative: 'A, b: {{c}} $t(d)', area: 'Ziele', ampel: 'Rot', score: 0, reason: '' },
        { initiative: 'Ü „q“ 100', area: 'a', ampel: 'b', score: 100, reason: '2-mal. {{x}}' },
      ])
        expect(label(values)).toBe(i18n.t('portfolio.cellLabel', values));
    },
  );

  it.each([
    ['de', 'Ein\u00ADschätzung', 'Einschätzung der Verantwortlichen'],
    ['en', 'Owners’ view', 'Owners’ view'],
  ] as const)(
    'names the owners’ view in a card (%s) as the table’s heading does, the accessible name in full',
    async (lng, shown, full) => {
      await i18n.changeLanguage(lng);
      asPhone();
      renderWithProviders(<PortfolioHeatMap rows={rows} />);
      const card = screen.getByTestId('cell-i-1-owners');
      expect(card.closest('li')).not.toBeNull();
      expect(card.firstElementChild?.textContent).toBe(shown);
      expect(card).toHaveAccessibleName(new RegExp(`^Lead scoring, ${full}: `));
      // The other cards name their pillar in full.
      const goals = screen.getByTestId('cell-i-1-goals');
      expect(goals.firstElementChild?.textContent).toBe(lng === 'de' ? 'Ziele' : 'Goals');
    },
  );

  it('shortens only the owners’ heading in the table, with the full name as its title', async () => {
    await i18n.changeLanguage('de');
    renderWithProviders(<PortfolioHeatMap rows={rows} />);
    const owners = screen.getByRole('columnheader', { name: 'Ein\u00ADschätzung' });
    expect(owners).toHaveAttribute('title', 'Einschätzung der Verantwortlichen');
    expect(screen.getByRole('columnheader', { name: 'Ziele' })).not.toHaveAttribute('title');
  });

  it('opens the owners’ view on the initiative page itself', () => {
    expect(cellHref('x', 'owners')).toBe('/initiatives/x?health=owners');
  });

  it('draws only the rows in and near the window of a thousand, and later ones after scrolling', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      row(`n-${i}`, `Initiative ${String(i).padStart(4, '0')}`),
    );
    renderWithProviders(<PortfolioHeatMap rows={many} />);
    const drawn = () => screen.getAllByTestId(/^portfolio-row-/);
    expect(drawn().length).toBeGreaterThan(5);
    expect(drawn().length).toBeLessThan(40);
    expect(drawn()[0]).toHaveTextContent('Initiative 0000');
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
    expect(screen.getAllByRole('columnheader')).toHaveLength(7);
    act(() => {
      window.scrollTo(0, 700 * 54);
      window.dispatchEvent(new Event('scroll'));
    });
    expect(screen.getByTestId('portfolio-row-n-700')).toHaveAttribute('aria-rowindex', '702');
    expect(screen.queryByTestId('portfolio-row-n-0')).not.toBeInTheDocument();
    expect(drawn().length).toBeLessThan(40);
    act(() => {
      window.scrollTo(0, 0);
      window.dispatchEvent(new Event('scroll'));
    });
  });

  it('draws every row for printing, so the printout is not cut', () => {
    const many = Array.from({ length: 100 }, (_, i) => row(`p-${i}`, `Initiative ${i}`));
    renderWithProviders(<PortfolioHeatMap rows={many} />);
    expect(screen.getAllByTestId(/^portfolio-row-/).length).toBeLessThan(40);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(screen.getAllByTestId(/^portfolio-row-/)).toHaveLength(100);
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
  });
});
