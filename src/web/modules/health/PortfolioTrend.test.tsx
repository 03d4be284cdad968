import { act, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PortfolioHistory } from '../../../contracts/collaboration-health.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders, testQueryClient } from '../../test-utils.js';
import { PortfolioTrend } from './PortfolioTrend.js';

/**
 * The trend's days are calendar days (YYYY-MM-DD): shown as that day in any time zone, also
 * west of UTC (where midnight UTC is still the day before).
 */
describe('portfolio trend days', () => {
  const zone = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = 'America/Los_Angeles';
    await i18n.changeLanguage('en');
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('names each snapshot’s own day west of UTC', async () => {
    // The zone is in effect (a day read at UTC midnight is the day before here).
    expect(new Date('2026-11-20').getDate()).toBe(19);
    const history: PortfolioHistory = {
      from: '2026-09-02',
      trend: [
        { day: '2026-11-20', green: 1, amber: 0, red: 2, score: 55 },
        { day: '2026-11-30', green: 2, amber: 1, red: 0, score: 81 },
      ],
    };
    const queryClient = testQueryClient();
    queryClient.setQueryData(['health', 'portfolio-history', {}], history);
    renderWithProviders(<PortfolioTrend query={{}} />, { queryClient });
    const trend = await screen.findByTestId('portfolio-trend');
    expect(within(trend).getByText(/^20 Nov 2026: .* → 30 Nov 2026: /)).toBeInTheDocument();
  });
});

/** The heat map below does not jump down when the trend arrives: its place is kept meanwhile. */
describe('portfolio trend on its way', () => {
  it('keeps its place with its title while the trend is asked for, then shows it', async () => {
    await i18n.changeLanguage('en');
    // The request stays on its way.
    vi.stubGlobal('fetch', () => new Promise<Response>(() => undefined));
    const queryClient = testQueryClient();
    renderWithProviders(<PortfolioTrend query={{}} />, { queryClient });
    const pending = await screen.findByTestId('portfolio-trend-pending');
    expect(pending).toHaveAttribute('aria-busy', 'true');
    expect(within(pending).getByRole('heading', { level: 2 })).toHaveTextContent(
      i18n.t('portfolio.trend.title'),
    );
    expect(screen.queryByTestId('portfolio-trend')).toBeNull();
    // The answer arrives: the trend takes the place.
    act(() => {
      queryClient.setQueryData(['health', 'portfolio-history', {}], {
        from: '2026-09-02',
        trend: [{ day: '2026-11-30', green: 2, amber: 1, red: 0, score: 81 }],
      } satisfies PortfolioHistory);
    });
    expect(await screen.findByTestId('portfolio-trend')).toBeInTheDocument();
    expect(screen.queryByTestId('portfolio-trend-pending')).toBeNull();
  });

  it('shows nothing when there is no snapshot yet', async () => {
    const queryClient = testQueryClient();
    queryClient.setQueryData(['health', 'portfolio-history', {}], {
      from: '2026-09-02',
      trend: [],
    });
    renderWithProviders(<PortfolioTrend query={{}} />, { queryClient });
    await Promise.resolve();
    expect(screen.queryByTestId('portfolio-trend-pending')).toBeNull();
    expect(screen.queryByTestId('portfolio-trend')).toBeNull();
  });
});
