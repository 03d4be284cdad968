import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { Providers } from '../../Providers.js';
import { testQueryClient } from '../../test-utils.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { renderWithProviders } from '../../test-utils.js';
import { InitiativeCards } from './InitiativeCards.js';
import { InitiativesTable } from './InitiativesTable.js';

const pad = (i: number) => String(i).padStart(4, '0');
const many = (n: number): InitiativeSummary[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    title: `Initiative ${pad(i)}`,
    department: 'Vertrieb',
    stage: { nameEn: 'Build', nameDe: 'Umsetzung', position: 2 },
    status: 'active',
    riskClass: 'limited',
    tags: [],
    businessOwner: { name: 'Anna Berg', side: 'business' },
    itOwner: { name: 'Ivo Tech', side: 'it' },
    updatedAt: '2026-11-20T10:00:00Z',
  }));

/** Scrolls the (happy-dom) window and lets the list catch up. */
function scrollWindowTo(y: number) {
  act(() => {
    window.scrollTo(0, y);
    window.dispatchEvent(new Event('scroll'));
  });
}

afterEach(() => {
  window.scrollTo(0, 0);
});

const bodyRows = () =>
  within(screen.getAllByRole('rowgroup')[1] as HTMLElement).getAllByRole('row');

describe('the initiatives table with a thousand rows', () => {
  it('draws only the rows in and near the window, sorted over all of them', () => {
    renderWithProviders(
      <InitiativesTable rows={many(1000)} sort={{ key: 'title', dir: 'desc' }} onSort={() => {}} />,
    );
    const rows = bodyRows();
    // happy-dom's window is 768 px high: about 14 rows of ~58 px plus a few either side.
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    // Sorted over all 1,000, not just the drawn ones: the last one comes first.
    expect(rows[0]).toHaveTextContent('Initiative 0999');
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
    // The header stays, with its sort buttons.
    expect(screen.getByRole('columnheader', { name: /Title/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(screen.queryByText('Initiative 0500')).not.toBeInTheDocument();
  });

  it('has its first screen of rows in the very first draw (before anything is measured)', () => {
    // No effects run in renderToString: what it returns is the first draw alone, before the
    // virtualizer has observed the window (it starts from the window's known size).
    const html = renderToString(
      <Providers queryClient={testQueryClient()} env="test">
        <MemoryRouter>
          <InitiativesTable
            rows={many(1000)}
            sort={{ key: 'title', dir: 'asc' }}
            onSort={() => {}}
          />
        </MemoryRouter>
      </Providers>,
    );
    expect(html).toContain('Initiative 0000');
    expect(html).toContain('Initiative 0005');
    expect(html).not.toContain('Initiative 0500');
    // Only the rows from where the table starts at the least (below the page's header, title
    // and filters) to the window's bottom, and a few more: (768 - 340) / 58 rows and 4 below,
    // not a whole window's height of them (768 / 58 and 4), which the first screen cannot show.
    const drawn = html.match(/data-index="/g)?.length ?? 0;
    expect(drawn).toBeGreaterThanOrEqual(11);
    expect(drawn).toBeLessThanOrEqual(13);
  });

  it('draws the rows further down once the page is scrolled there', () => {
    renderWithProviders(
      <InitiativesTable rows={many(1000)} sort={{ key: 'title', dir: 'asc' }} onSort={() => {}} />,
    );
    expect(screen.queryByText('Initiative 0500')).not.toBeInTheDocument();
    // Row 500 starts at about 500 × 58 px below the list's top.
    scrollWindowTo(500 * 58);
    expect(screen.getByText('Initiative 0500')).toBeInTheDocument();
    expect(screen.queryByText('Initiative 0000')).not.toBeInTheDocument();
    const rows = bodyRows();
    expect(rows.length).toBeLessThan(40);
    const row = screen.getByText('Initiative 0500').closest('tr');
    expect(row).toHaveAttribute('aria-rowindex', '502');
    // The rows above keep their room, so the scrollbar is that of the whole list.
    const spacer = screen.getAllByRole('rowgroup')[1]?.querySelector('tr[aria-hidden="true"]');
    expect(spacer).not.toBeNull();
    expect(parseFloat((spacer as HTMLElement).style.height)).toBeGreaterThan(400 * 58);
  });

  it('shows the right rows when the list is filtered to fewer', () => {
    const all = many(1000);
    // A filter (the server's answer) leaves three rows, from far down the list.
    const filtered = [all[977], all[640], all[812]].filter((r) => r !== undefined);
    function Harness() {
      const [rows, setRows] = useState(all);
      return (
        <>
          <button type="button" onClick={() => setRows(filtered)}>
            filter
          </button>
          <InitiativesTable rows={rows} sort={{ key: 'title', dir: 'asc' }} onSort={() => {}} />
        </>
      );
    }
    renderWithProviders(<Harness />);
    scrollWindowTo(300 * 58);
    expect(screen.getByText('Initiative 0300')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'filter' }));
    scrollWindowTo(0);
    const rows = bodyRows();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual([
      'Initiative 0640',
      'Initiative 0812',
      'Initiative 0977',
    ]);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '4');
  });

  it('sorts by a header, keyboard-reachable as a button', () => {
    const sorted: string[] = [];
    renderWithProviders(
      <InitiativesTable
        rows={many(20)}
        sort={{ key: 'title', dir: 'asc' }}
        onSort={(k) => sorted.push(k)}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Status/ }));
    expect(sorted).toEqual(['status']);
  });

  it('draws every row for printing', () => {
    renderWithProviders(
      <InitiativesTable rows={many(120)} sort={{ key: 'title', dir: 'asc' }} onSort={() => {}} />,
    );
    expect(bodyRows().length).toBeLessThan(40);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(bodyRows()).toHaveLength(120);
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(bodyRows().length).toBeLessThan(40);
  });
});

describe('the initiative cards on a phone', () => {
  it('draws only the cards in and near the window, and later ones after scrolling', () => {
    renderWithProviders(
      <InitiativeCards rows={many(1000)} sort={{ key: 'title', dir: 'asc' }} onSort={() => {}} />,
    );
    const cards = screen.getAllByTestId('initiative-card');
    expect(cards.length).toBeGreaterThan(2);
    expect(cards.length).toBeLessThan(25);
    expect(cards[0]).toHaveTextContent('Initiative 0000');
    expect(cards[0]).toHaveAttribute('aria-setsize', '1000');
    scrollWindowTo(300 * 150);
    expect(screen.getByText('Initiative 0300')).toBeInTheDocument();
    expect(screen.queryByText('Initiative 0000')).not.toBeInTheDocument();
    expect(screen.getByText('Initiative 0300').closest('li')).toHaveAttribute(
      'aria-posinset',
      '301',
    );
  });
});
