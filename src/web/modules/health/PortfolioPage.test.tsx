import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Portfolio, PortfolioRow } from '../../../contracts/portfolio.js';
import { departmentsKey } from '../../queries/people.js';
import { stagesKey } from '../../queries/stages.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders, testQueryClient } from '../../test-utils.js';
import { parsePortfolioQuery, portfolioQuery } from './portfolio-query.js';
import PortfolioPage from './PortfolioPage.js';

const matchNothing = (query: string): MediaQueryList =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }) as unknown as MediaQueryList;

const green = { ampel: 'green', score: 100, applicable: true, reasons: 0, top: null } as const;
const row = (i: number): PortfolioRow => ({
  id: `i-${i}`,
  title: `Initiative ${String(i).padStart(4, '0')}`,
  department: 'Sales',
  stage: { id: 's-pilot', key: 'pilot', name: { de: 'Pilotbetrieb', en: 'Pilot' }, position: 4 },
  riskClass: 'limited',
  businessOwner: { id: 'b', name: 'Bea' },
  itOwner: { id: 'i', name: 'Ian' },
  overall: { ampel: 'green', score: 100, weakest: [] },
  areas: { goals: green, handoffs: green, demos: green, metrics: green, owners: green },
});

/** The page at a URL, with the portfolio (1,000 rows) the API would answer for it. */
function renderPage(route: string) {
  const queryClient = testQueryClient();
  const query = parsePortfolioQuery(new URL(route, 'http://x').searchParams);
  const portfolio: Portfolio = {
    computedAt: '2026-12-01T10:00:00Z',
    rows: Array.from({ length: 1000 }, (_, i) => row(i)),
    waiting: [],
    totals: { green: 1000, amber: 0, red: 0 },
  };
  queryClient.setQueryData(portfolioQuery(query).queryKey, portfolio);
  queryClient.setQueryData(stagesKey, []);
  queryClient.setQueryData(departmentsKey, ['Sales', 'Finance']);
  return renderWithProviders(<PortfolioPage />, { route, queryClient });
}

describe('PortfolioPage', () => {
  afterEach(async () => {
    vi.mocked(window.matchMedia).mockImplementation(matchNothing);
    await i18n.changeLanguage('en');
  });

  it('asks for the reason sentences in the app’s language only and shows them (German)', async () => {
    await i18n.changeLanguage('de');
    const amber = {
      ampel: 'amber',
      score: 75,
      applicable: true,
      reasons: 1,
      top: { de: 'Übergabe „Pilotplan“ zweimal zurückgegeben.' },
    } as const;
    const portfolio: Portfolio = {
      computedAt: '2026-12-01T10:00:00Z',
      rows: [{ ...row(1), areas: { ...row(1).areas, handoffs: amber } }],
      waiting: [],
      totals: { green: 0, amber: 1, red: 0 },
    };
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(portfolio), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const queryClient = testQueryClient();
    queryClient.setQueryData(stagesKey, []);
    queryClient.setQueryData(departmentsKey, ['Sales']);
    const { unmount } = renderWithProviders(<PortfolioPage />, {
      route: '/portfolio',
      queryClient,
    });
    const cell = await screen.findByTestId('cell-i-1-handoffs');
    expect(cell).toHaveAttribute('title', 'Übergabe „Pilotplan“ zweimal zurückgegeben.');
    const asked = fetch.mock.calls
      .map(([url]) => (url instanceof Request ? url.url : url.toString()))
      .filter((u) => u.includes('/portfolio'));
    expect(asked).toEqual([expect.stringMatching(/\/api\/portfolio\?lang=de$/)]);
    // Unmounted and its queries dropped before the real fetch is back.
    unmount();
    queryClient.clear();
    fetch.mockRestore();
  });

  it('shows the five filters and a table that draws a window of the 1,000 rows', () => {
    renderPage('/portfolio?health=green');
    expect(screen.getByRole('combobox', { name: 'Health' })).toHaveValue('Green');
    expect(screen.queryByRole('button', { name: /^Filter/ })).toBeNull();
    expect(screen.getByText(/1000 initiatives/)).toBeInTheDocument();
    const drawn = screen.getAllByTestId(/^portfolio-row-/);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn[0]?.tagName).toBe('TR');
  });

  it('on a phone folds the filters behind a Filter button that counts the active ones, and shows cards', async () => {
    vi.mocked(window.matchMedia).mockImplementation((query: string) =>
      Object.assign(matchNothing(query), { matches: query.includes('max-width') }),
    );
    renderPage('/portfolio?department=Sales&health=green&sort=title');
    // The sort order is not a filter: two are active.
    const toggle = screen.getByRole('button', { name: 'Filter (2 active)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('combobox', { name: 'Department' })).toBeNull();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Department' })).toHaveValue('Sales'),
    );
    const cards = screen.getAllByTestId(/^portfolio-row-/);
    expect(cards[0]?.tagName).toBe('LI');
    expect(cards.length).toBeLessThan(20);
    expect(within(cards[0] as HTMLElement).getByTestId('cell-i-0-overall')).toHaveTextContent(
      'Overall',
    );
  });
});
