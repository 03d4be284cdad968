import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../../contracts/audit.js';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import { ActivityTab } from './ActivityTab.js';

const anna = { id: 'u1', name: 'Anna Becker', side: 'business' as const, department: 'Vertrieb' };

const ev = (id: string, occurredAt: string, action: string, after: unknown): AuditEvent => ({
  id,
  occurredAt,
  actor: action === 'goal.achieved' ? null : anna,
  entityType: action.split('.')[0] ?? '',
  entityId: `x-${id}`,
  action,
  before: null,
  after,
});

const events = [
  ev('e4', '2026-12-01T09:00:00Z', 'goal.achieved', { statement: 'Acht Leads' }),
  ev('e3', '2026-12-01T08:00:00Z', 'goal.signed', { statement: 'Acht Leads', side: 'business' }),
  ev('e2', '2026-11-30T15:00:00Z', 'handoff.submitted', { title: 'Pilot Süd' }),
  ev('e1', '2026-11-26T10:00:00Z', 'initiative.created', null),
];

/** The API: the feed, narrowed to goal events when asked for the goals pillar. */
const serve = () =>
  mockApi((_method, url) => {
    const pillar = new URL(url, 'http://x').searchParams.get('pillar');
    if (!url.includes('/activity')) return [200, []];
    return [
      200,
      events.filter((e) => !pillar || (pillar === 'goals' && e.action.startsWith('goal.'))),
    ];
  });

describe('ActivityTab', () => {
  it('groups whole sentences by day and narrows them to a pillar through the URL', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z'), toFake: ['Date'] });
    await i18n.changeLanguage('de');
    const calls = serve();
    renderWithProviders(<ActivityTab initiativeId="i1" />, {
      route: '/initiatives/i1?tab=activity',
    });

    const days = await screen.findAllByTestId('activity-day');
    // Grouped in the reader's zone (the tests run in UTC): today, yesterday, a weekday.
    expect(days.map((d) => within(d).getByRole('heading').textContent)).toEqual([
      'Heute',
      'Gestern',
      'Donnerstag, 26.11.2026',
    ]);
    expect(
      within(days[0] as HTMLElement)
        .getAllByTestId('activity-event')
        .map((e) => e.textContent),
    ).toEqual([
      expect.stringContaining('Das Ziel „Acht Leads“ hat den Zielwert erreicht.'),
      expect.stringContaining(
        'Anna Becker hat das Ziel „Acht Leads“ für den Fachbereich freigegeben.',
      ),
    ]);
    expect(days[1]).toHaveTextContent('Anna Becker hat „Pilot Süd“ übergeben.');

    await userEvent.click(screen.getByRole('radio', { name: 'Ziele' }));
    await waitFor(() => expect(screen.getAllByTestId('activity-event')).toHaveLength(2));
    expect(screen.getByTestId('location')).toHaveTextContent('pillar=goals');
    expect(calls.map((c) => c.url)).toContainEqual(
      expect.stringContaining('/api/initiatives/i1/activity?limit=50&pillar=goals'),
    );
  });
});
