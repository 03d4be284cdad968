import { screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
