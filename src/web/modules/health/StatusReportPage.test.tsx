import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PortfolioRow } from '../../../contracts/portfolio.js';
import type { StatusReport } from '../../../contracts/status-report.js';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { portfolioCell, portfolioRow } from '../../test-support/portfolio.js';
import { renderWithProviders } from '../../test-utils.js';
import StatusReportPage from './StatusReportPage.js';

/** A red pilot: no goal agreed, no demos due yet, the owners' area amber. */
const row = (id: string, title: string, over: Partial<PortfolioRow> = {}) =>
  portfolioRow(id, title, {
    overall: { ampel: 'red', score: 40, weakest: ['goals'] },
    areas: {
      goals: portfolioCell({ ampel: 'red', score: 20, reasons: 1 }),
      demos: portfolioCell({ applicable: false }),
      owners: portfolioCell({ ampel: 'amber', score: 70 }),
    },
    ...over,
  });

const report: StatusReport = {
  computedAt: '2026-12-01T09:00:00.000Z',
  totals: { green: 1, amber: 0, red: 1 },
  waiting: [{ kind: 'goal_signature', side: 'it', count: 2 }],
  initiatives: [
    {
      row: row('i-1', '*x* | [y](javascript:z)'),
      reasons: [
        {
          area: 'goals',
          text: { en: 'No goal is agreed yet.', de: 'Noch kein Ziel ist vereinbart.' },
          href: '/initiatives/i-1?tab=goals',
        },
      ],
      latest: {
        business: {
          id: 'u1',
          initiativeId: 'i-1',
          side: 'business',
          week: '2026-W49',
          view: 'at_risk',
          text: 'Data arrives late',
          author: { id: 'b', name: 'Bea', side: 'business', department: 'Sales' },
          writtenAt: '2026-12-01T08:00:00.000Z',
        },
        it: null,
      },
    },
    {
      row: row('i-2', 'Invoice bot', { overall: { ampel: 'green', score: 95, weakest: [] } }),
      reasons: [],
      latest: { business: null, it: null },
    },
  ],
};

const serve = () => mockApi(() => [200, report]);

describe('StatusReportPage', () => {
  it('shows the summary, then each initiative with Ampel as word, reasons and owners’ views; prints and links the downloads', async () => {
    const calls = serve();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderWithProviders(<StatusReportPage />, { route: '/report?department=Sales&health=red' });

    const sections = await screen.findAllByTestId('report-initiative');
    expect(sections).toHaveLength(2);
    expect(calls[0]?.url).toBe('/api/report/status?department=Sales&health=red');
    // The summary comes first and names the initiative as text, not as a link.
    const summary = screen.getByRole('region', { name: 'Portfolio' });
    expect(summary.compareDocumentPosition(sections[0]!)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(within(summary).getByText('*x* | [y](javascript:z)')).toBeInTheDocument();
    expect(within(summary).queryByRole('link')).not.toBeInTheDocument();

    const first = within(sections[0]!);
    expect(first.getByRole('heading', { name: '*x* | [y](javascript:z)' })).toBeInTheDocument();
    // Word and icon, not colour alone.
    const overall = first.getAllByText(/Red · 40\/100/)[0]!;
    expect(overall.closest('.mantine-Badge-root')?.querySelector('svg')).toBeInTheDocument();
    expect(first.getByText('Not relevant yet')).toBeInTheDocument();
    expect(first.getByText('Goals: No goal is agreed yet.')).toBeInTheDocument();
    expect(first.getByText(/At risk \(week 2026-W49\): Data arrives late/)).toBeInTheDocument();
    expect(first.getByText(/No update yet/)).toBeInTheDocument();
    expect(within(sections[1]!).getByText('Nothing to fix.')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: /Download as Markdown/ })).toHaveAttribute(
      'href',
      '/api/report/status?department=Sales&health=red&format=md&lang=en',
    );
    expect(screen.getByRole('link', { name: /Download as CSV/ })).toHaveAttribute(
      'href',
      '/api/report/status?department=Sales&health=red&format=csv&lang=en',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  }, 60_000);

  it('speaks German when the app does, and downloads the German files', async () => {
    await i18n.changeLanguage('de');
    serve();
    renderWithProviders(<StatusReportPage />, { route: '/report' });
    const sections = await screen.findAllByTestId('report-initiative');
    const first = within(sections[0]!);
    expect(first.getAllByText(/Rot · 40\/100/).length).toBeGreaterThan(0);
    expect(first.getByText('Ziele: Noch kein Ziel ist vereinbart.')).toBeInTheDocument();
    expect(first.getByText(/Gefährdet \(KW 2026-W49\)/)).toBeInTheDocument();
    expect(first.getByText(/Sales · Pilotbetrieb/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Drucken' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Als CSV herunterladen/ })).toHaveAttribute(
      'href',
      '/api/report/status?format=csv&lang=de',
    );
  }, 60_000);

  it('says there is nothing to report yet in a new workspace, and blames the filters only when there are some', async () => {
    const empty: StatusReport = {
      computedAt: '2026-12-01T09:00:00.000Z',
      totals: { green: 0, amber: 0, red: 0 },
      waiting: [],
      initiatives: [],
    };
    mockApi(() => [200, empty]);
    const first = renderWithProviders(<StatusReportPage />, { route: '/report' });
    expect(await screen.findByText('There is no initiative to report yet.')).toBeInTheDocument();
    expect(screen.queryByText(/with these filters/)).not.toBeInTheDocument();
    first.unmount();
    renderWithProviders(<StatusReportPage />, { route: '/report?health=red' });
    expect(
      await screen.findByText('There is no initiative to report with these filters.'),
    ).toBeInTheDocument();
  }, 60_000);

  it('says so in German too', async () => {
    await i18n.changeLanguage('de');
    mockApi(() => [
      200,
      {
        computedAt: '2026-12-01T09:00:00.000Z',
        totals: { green: 0, amber: 0, red: 0 },
        waiting: [],
        initiatives: [],
      },
    ]);
    renderWithProviders(<StatusReportPage />, { route: '/report' });
    expect(
      await screen.findByText('Es gibt noch keine Initiative zu berichten.'),
    ).toBeInTheDocument();
  }, 60_000);
});
