import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Desk, DeskItem } from '../../../contracts/desk.js';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import DeskPage from './DeskPage.js';

const empty: Desk = {
  waiting: {
    signatures: [],
    handoffs: [],
    questions: [],
    actionItems: [],
    staleMetrics: [],
    updates: [],
  },
  total: 0,
  demos: [],
  initiatives: [],
  generatedAt: '2026-11-27T09:00:00Z',
};

const signature: DeskItem = {
  key: 'goal_signature:g-1',
  kind: 'goal_signature',
  initiative: { id: 'i-social', title: 'Social media assistant' },
  subject: 'Answer 80 % of questions within 2 hours',
  sides: ['it'],
  since: '2026-11-24T09:00:00Z',
  dueDate: null,
  overdue: false,
  periodDays: null,
  link: '/goals/g-1',
};

/** The API: `desk` for the desk, an empty object for anything else the page asks. */
const mockDesk = (desk: Desk) => mockApi((_method, url) => [200, url === '/api/desk' ? desk : {}]);

describe('DeskPage', () => {
  it('says what waits as a sentence that links to where it is done, with a count per section', async () => {
    mockDesk({ ...empty, waiting: { ...empty.waiting, signatures: [signature] }, total: 1 });
    renderWithProviders(<DeskPage />, { route: '/' });
    const section = await screen.findByRole('region', { name: 'Signatures' });
    const sentence = 'Sign the goal “Answer 80 % of questions within 2 hours” for IT';
    expect(within(section).getByRole('link', { name: sentence })).toHaveAttribute(
      'href',
      '/goals/g-1',
    );
    expect(within(section).getByText('1')).toBeInTheDocument();
    expect(screen.getByText('1 thing waits for you')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Handoffs' })).not.toBeInTheDocument();
    expect(screen.queryByText('Nothing waits for you')).not.toBeInTheDocument();
  });

  it('says so when nothing waits, in both languages', async () => {
    mockDesk(empty);
    renderWithProviders(<DeskPage />, { route: '/' });
    await screen.findByText('Nothing waits for you');
    await i18n.changeLanguage('de');
    await screen.findByText('Nichts wartet auf Sie');
  });
});
