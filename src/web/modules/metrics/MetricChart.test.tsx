import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Series } from '../../../contracts/metrics.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders } from '../../test-utils.js';
import MetricChart from './MetricChart.js';

const series: Series = {
  metricId: 'm1',
  period: 'week',
  aggregation: 'sum',
  unit: 'Leads',
  points: [
    { start: '2026-11-16', value: 6, count: 5, sources: ['manual'] },
    { start: '2026-11-23', value: 8, count: 5, sources: ['manual'] },
    { start: '2026-11-30', value: 1, count: 1, sources: ['manual'] },
  ],
};

describe('MetricChart', () => {
  it('says in its key that the running week’s value is only the value so far', async () => {
    await i18n.changeLanguage('de');
    renderWithProviders(
      <MetricChart series={series} name="Abgeschlossene Leads" runningFrom="2026-11-30" />,
    );
    expect(screen.getByTestId('chart-key-running')).toHaveTextContent(
      'KW 49 läuft noch (Stand bisher)',
    );
    expect(screen.getByTestId('chart-key')).toHaveTextContent('Abgeschlossene Leads');
  });

  it('has no such key when every period shown is complete', () => {
    renderWithProviders(
      <MetricChart series={series} name="Closed leads" runningFrom="2026-12-07" />,
    );
    expect(screen.queryByTestId('chart-key-running')).not.toBeInTheDocument();
    expect(screen.queryByTestId('chart-key')).not.toBeInTheDocument();
  });
});
