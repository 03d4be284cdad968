import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PortfolioHistory } from '../../../contracts/collaboration-health.js';
import type { Portfolio } from '../../../contracts/portfolio.js';
import { departmentsKey, peopleKey } from '../../queries/people.js';
import { stagesKey } from '../../queries/stages.js';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { portfolioRow } from '../../test-support/portfolio.js';
import { ANNA, IVO, VERA_VIEWER } from '../../test-support/people.js';
import { asPhone } from '../../test-support/viewport.js';
import { renderWithProviders, testQueryClient } from '../../test-utils.js';
import { parsePortfolioQuery, portfolioQuery } from './portfolio-query.js';
import PortfolioPage from './PortfolioPage.js';

const people = [ANNA, IVO, VERA_VIEWER];

const row = (i: number) => portfolioRow(`i-${i}`, `Initiative ${String(i).padStart(4, '0')}`);

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
  queryClient.setQueryData(peopleKey, people);
  return renderWithProviders(<PortfolioPage />, { route, queryClient });
}

describe('PortfolioPage', () => {
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
    const calls = mockApi(() => [200, portfolio]);
    const queryClient = testQueryClient();
    queryClient.setQueryData(stagesKey, []);
    queryClient.setQueryData(departmentsKey, ['Sales']);
    queryClient.setQueryData(peopleKey, people);
    const { unmount } = renderWithProviders(<PortfolioPage />, {
      route: '/portfolio',
      queryClient,
    });
    const cell = await screen.findByTestId('cell-i-1-handoffs');
    expect(cell).toHaveAttribute('title', 'Übergabe „Pilotplan“ zweimal zurückgegeben.');
    const asked = calls.map((c) => c.url).filter((u) => /\/portfolio(\?|$)/.test(u));
    expect(asked).toEqual([expect.stringMatching(/\/api\/portfolio\?lang=de$/)]);
    // Unmounted and its queries dropped before test-setup puts the real fetch back.
    unmount();
    queryClient.clear();
  });

  it('filters by owner: the people who can own initiatives, kept in the URL', async () => {
    const calls = mockApi(() => [
      200,
      {
        computedAt: '2026-12-01T10:00:00Z',
        rows: [],
        waiting: [],
        totals: { green: 0, amber: 0, red: 0 },
      },
    ]);
    renderPage('/portfolio?owner=u1');
    const owner = screen.getByRole('combobox', { name: 'Owner' });
    expect(owner).toHaveValue('Anna Berg');
    await userEvent.click(owner);
    const listbox = await screen.findByRole('listbox');
    // A viewer owns nothing, so the list does not offer them.
    expect(within(listbox).queryByRole('option', { name: /Vera Viewer/ })).not.toBeInTheDocument();
    await userEvent.click(within(listbox).getByRole('option', { name: /Ivo IT/ }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/portfolio?owner=u2'),
    );
    // The portfolio is asked again for that owner.
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContainEqual(
        expect.stringMatching(/\/api\/portfolio\?owner=u2&lang=en$/),
      ),
    );
  });

  it('shows the six filters and a table that draws a window of the 1,000 rows', () => {
    renderPage('/portfolio?health=green');
    expect(screen.getByRole('combobox', { name: 'Health' })).toHaveValue('Green');
    expect(screen.queryByRole('button', { name: /^Filter/ })).not.toBeInTheDocument();
    expect(screen.getByText(/1000 initiatives/)).toBeInTheDocument();
    const drawn = screen.getAllByTestId(/^portfolio-row-/);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn[0]?.tagName).toBe('TR');
  });

  it('on a phone folds the filters behind a Filter button that counts the active ones, and shows cards', async () => {
    asPhone();
    renderPage('/portfolio?department=Sales&owner=u2&health=green&sort=title');
    // The sort order is not a filter: three are active.
    const toggle = screen.getByRole('button', { name: 'Filter (3 active)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('combobox', { name: 'Department' })).not.toBeInTheDocument();
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

  it('without initiatives says there are none yet, not that the filters match nothing (both languages)', async () => {
    const none: Portfolio = {
      computedAt: '2026-12-01T10:00:00Z',
      rows: [],
      waiting: [],
      totals: { green: 0, amber: 0, red: 0 },
    };
    const show = async (route: string) => {
      const queryClient = testQueryClient();
      const query = parsePortfolioQuery(new URL(route, 'http://x').searchParams);
      queryClient.setQueryData(portfolioQuery(query).queryKey, none);
      queryClient.setQueryData(stagesKey, []);
      queryClient.setQueryData(departmentsKey, []);
      queryClient.setQueryData(peopleKey, people);
      return renderWithProviders(<PortfolioPage />, { route, queryClient });
    };
    const fresh = await show('/portfolio');
    expect(await screen.findByText('No initiatives yet')).toBeInTheDocument();
    expect(screen.queryByText('No initiative matches these filters.')).not.toBeInTheDocument();
    fresh.unmount();
    const filtered = await show('/portfolio?health=red');
    expect(await screen.findByText('No initiative matches these filters.')).toBeInTheDocument();
    filtered.unmount();
    await i18n.changeLanguage('de');
    await show('/portfolio');
    expect(await screen.findByText('Noch keine Initiativen')).toBeInTheDocument();
  });

  it('shows the 90-day trend in words and as bars, for the page’s filters only (not health)', async () => {
    const history: PortfolioHistory = {
      from: '2026-09-02',
      trend: [
        { day: '2026-11-20', green: 1, amber: 0, red: 2, score: 55 },
        { day: '2026-11-30', green: 2, amber: 1, red: 0, score: 81 },
      ],
    };
    const calls = mockApi((_method, url) =>
      url.startsWith('/api/portfolio/history')
        ? [200, history]
        : [
            200,
            {
              computedAt: '2026-12-01T10:00:00Z',
              rows: [],
              waiting: [],
              totals: { green: 0, amber: 0, red: 0 },
            },
          ],
    );
    const queryClient = testQueryClient();
    queryClient.setQueryData(stagesKey, []);
    queryClient.setQueryData(departmentsKey, ['Sales']);
    queryClient.setQueryData(peopleKey, people);
    renderWithProviders(<PortfolioPage />, {
      route: '/portfolio?department=Sales&health=red',
      queryClient,
    });
    const trend = await screen.findByTestId('portfolio-trend', {}, { timeout: 15_000 });
    expect(
      within(trend).getByText(
        /2 red · 0 amber · 1 green, mean score 55 → .*0 red · 1 amber · 2 green, mean score 81/,
      ),
    ).toBeInTheDocument();
    expect(within(trend).getByRole('img')).toHaveAccessibleName(
      /^Initiatives by Ampel on each of 2 days: /,
    );
    expect(within(trend).getAllByRole('img')[0]!.querySelectorAll('rect')).toHaveLength(4);
    expect(calls.map((c) => c.url)).toContain('/api/portfolio/history?department=Sales');
  }, 60_000);
});
