import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { renderWithProviders } from '../../test-utils.js';
import { InitiativeCards } from './InitiativeCards.js';
import { InitiativesTable } from './InitiativesTable.js';

const rows: InitiativeSummary[] = Array.from({ length: 7 }, (_, i) => ({
  id: `i${i}`,
  title: `Initiative ${i}`,
  department: 'Vertrieb',
  stage: { nameEn: 'Build', nameDe: 'Umsetzung', position: 2 },
  status: 'active',
  riskClass: 'limited',
  tags: [],
  businessOwner: { name: 'Anna Berg', side: 'business' },
  itOwner: { name: 'Ivo Tech', side: 'it' },
  updatedAt: '2026-11-20T10:00:00Z',
}));

describe('a long initiatives list', () => {
  it('draws the first rows, then more on request, sorted over all rows', () => {
    renderWithProviders(
      <InitiativesTable
        rows={rows}
        sort={{ key: 'title', dir: 'desc' }}
        onSort={() => undefined}
        pageSize={3}
      />,
    );
    const body = screen.getAllByRole('rowgroup')[1] as HTMLElement;
    expect(within(body).getAllByRole('row')).toHaveLength(3);
    // Sorted over all 7, not just the drawn ones: the last one comes first.
    expect(within(body).getAllByRole('row')[0]).toHaveTextContent('Initiative 6');
    expect(screen.getByText('3 of 7 shown')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(within(body).getAllByRole('row')).toHaveLength(6);
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(within(body).getAllByRole('row')).toHaveLength(7);
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('pages the cards on a phone the same way', () => {
    renderWithProviders(
      <InitiativeCards
        rows={rows}
        sort={{ key: 'title', dir: 'asc' }}
        onSort={() => undefined}
        pageSize={3}
      />,
    );
    expect(screen.getAllByTestId('initiative-card')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(screen.getAllByTestId('initiative-card')).toHaveLength(6);
  });
});
