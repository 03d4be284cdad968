import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Goal } from '../../../contracts/goals.js';
import type { HandoffsWaiting } from '../../../contracts/handoffs.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders } from '../../test-utils.js';
import WaitingPage from './WaitingPage.js';
import { agreement } from '../metrics/fixtures.js';

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: 'g-social',
    initiative: { id: 'i-social', title: 'Social media assistant' },
    statement: 'Answer 80 % of social media questions within 2 hours',
    rationale: '',
    metric: null,
    baselineValue: null,
    baselineDate: null,
    targetValue: null,
    dueDate: null,
    businessResponsible: null,
    itResponsible: null,
    status: 'proposed',
    statusReason: null,
    achievedAt: null,
    agreement: agreement(),
    gate: [],
    progress: {
      state: 'no_data',
      current: null,
      plan: null,
      completion: null,
      forecast: null,
      needsDecision: false,
      rule: 'last_complete_period',
      inProgressPeriodStart: null,
    },
    version: 1,
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    permissions: { edit: false, decide: false },
    ...overrides,
  };
}

const noHandoffs: HandoffsWaiting = { toReceive: [], toAnswer: [], toResubmit: [] };

function mockApi(goals: Goal[], handoffs: HandoffsWaiting = noHandoffs) {
  const fetchMock = vi.fn((url: string) => {
    const body = url.startsWith('/api/goals')
      ? goals
      : url === '/api/handoffs/mine'
        ? handoffs
        : {};
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('WaitingPage', () => {
  it('lists a goal waiting for my IT signature, with IT as the side to sign', async () => {
    const fetchMock = mockApi([
      goal({
        agreement: agreement({
          business: null,
          waitingFor: ['it'],
          mySignature: {
            business: { code: 'wrong_side', message: 'You can only sign for your own side.' },
            it: null,
          },
        }),
      }),
      // Nothing for me to sign here: not shown.
      goal({
        id: 'g-other',
        statement: 'Someone else signs this',
        agreement: agreement({
          mySignature: {
            business: { code: 'wrong_side', message: '…' },
            it: { code: 'already_signed', message: '…' },
          },
        }),
      }),
    ]);
    renderWithProviders(<WaitingPage />, { route: '/handoffs/mine' });

    const section = await screen.findByRole('region', { name: 'Sign-offs waiting for you' });
    const card = within(section).getByRole('article', {
      name: 'Answer 80 % of social media questions within 2 hours',
    });
    expect(within(card).getByText('You sign for')).toBeInTheDocument();
    expect(within(card).getByText('IT')).toBeInTheDocument();
    expect(within(card).queryByText('Business')).not.toBeInTheDocument();
    expect(within(card).getByText('Social media assistant')).toBeInTheDocument();
    expect(
      within(card).getByRole('link', {
        name: 'Answer 80 % of social media questions within 2 hours',
      }),
    ).toHaveAttribute('href', '/goals/g-social');
    expect(within(section).queryByText('Someone else signs this')).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/goals?status=proposed')).toBe(true);

    // The handoff sections stay visible with their purpose, even when empty.
    expect(screen.getByRole('region', { name: 'To receive' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'To answer' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'To submit or resubmit' })).toBeInTheDocument();
    expect(screen.getAllByText('Nothing here.')).toHaveLength(3);
    // Not empty overall: no teaching empty state.
    expect(screen.queryByText('Nothing is waiting for you right now.')).not.toBeInTheDocument();
  });

  it('teaches what the page is for when nothing waits, and links to my initiatives', async () => {
    mockApi([]);
    renderWithProviders(<WaitingPage />, { route: '/handoffs/mine' });
    await screen.findByText('Nothing is waiting for you right now.');
    expect(screen.getByRole('link', { name: 'Go to my initiatives' })).toHaveAttribute(
      'href',
      '/initiatives?mine=true',
    );
    expect(screen.getByText('No goal is waiting for your sign-off.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'To receive' })).toBeInTheDocument();
  });
});
