import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../contracts/stages.js';
import { ANNA, IVO } from '../../test-support/people.js';
import { asPhone } from '../../test-support/viewport.js';
import { renderWithProviders } from '../../test-utils.js';
import { InitiativeFilters } from './InitiativeFilters.js';
import { parseFilters, parseSort, stageFilterId } from './useInitiativeFilters.js';

const stages: Stage[] = [
  {
    id: 's-idea',
    key: 'idea',
    nameEn: 'Idea',
    nameDe: 'Idee',
    position: 0,
    owningSide: 'business',
    checklist: [],
    initiativeCount: 1,
    updatedAt: '2026-11-01T10:00:00Z',
  },
  {
    id: 's-build',
    key: 'build',
    nameEn: 'Build',
    nameDe: 'Umsetzung',
    position: 1,
    owningSide: 'it',
    checklist: [],
    initiativeCount: 0,
    updatedAt: '2026-11-01T10:00:00Z',
  },
];
const people = [ANNA, IVO];

const location = () => screen.getByTestId('location').textContent ?? '';
const search = () => new URLSearchParams(location().split('?')[1] ?? '');

/** Opens the list of a filter and picks an option, as a person does. */
async function choose(filter: string, option: string) {
  await userEvent.click(screen.getByRole('combobox', { name: filter }));
  const listbox = await screen.findByRole('listbox');
  await userEvent.click(within(listbox).getByRole('option', { name: option }));
}

function renderFilters(route: string) {
  return renderWithProviders(
    <InitiativeFilters departments={['Sales', 'Marketing']} stages={stages} people={people} />,
    { route },
  );
}

describe('stageFilterId', () => {
  it('turns the stage key of the URL into the id the API filters by', () => {
    expect(stageFilterId('build', stages)).toBe('s-build');
    expect(stageFilterId('s-idea', stages)).toBe('s-idea');
    // Unknown keys go out as they are: the list then honestly shows no match.
    expect(stageFilterId('gone', stages)).toBe('gone');
    expect(stageFilterId('build', undefined)).toBeUndefined();
    expect(stageFilterId(undefined, stages)).toBeUndefined();
  });
});

describe('parseFilters', () => {
  it('reads known filters and drops unknown values', () => {
    const params = new URLSearchParams(
      'q=+lead+&status=paused&riskClass=extreme&stage=s-idea&mine=true&foo=bar',
    );
    expect(parseFilters(params)).toEqual({
      q: 'lead',
      status: 'paused',
      stage: 's-idea',
      mine: 'true',
    });
    expect(parseSort(new URLSearchParams('sort=title'))).toEqual({ key: 'title', dir: 'asc' });
    expect(parseSort(new URLSearchParams('sort=nope'))).toEqual({ key: 'updated', dir: 'desc' });
  });
});

describe('InitiativeFilters ↔ URL', () => {
  it('shows the filters the URL carries', () => {
    renderFilters('/initiatives?q=lead&status=paused&stage=build&mine=true&department=Sales');
    expect(screen.getByLabelText('Search')).toHaveValue('lead');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('Paused');
    expect(screen.getByRole('combobox', { name: 'Stage' })).toHaveValue('Build');
    expect(screen.getByRole('combobox', { name: 'Department' })).toHaveValue('Sales');
    // "My initiatives" is the navigation's page, not a second switch among the filters.
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
  });

  it('shows a stage from an older link that carries its id', () => {
    renderFilters('/initiatives?stage=s-build');
    expect(screen.getByRole('combobox', { name: 'Stage' })).toHaveValue('Build');
  });

  it('writes the stage key, not its id, into the URL', async () => {
    renderFilters('/initiatives');
    await choose('Stage', 'Build');
    expect(search().get('stage')).toBe('build');
  });

  it('writes changes into the URL and clears them again, keeping "My initiatives"', async () => {
    renderFilters('/initiatives?sort=title&dir=asc&mine=true');

    await choose('Risk class', 'High');
    expect(search().get('riskClass')).toBe('high');

    // Typing reaches the URL after a short pause.
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'chat assistant' } });
    expect(search().get('q')).toBeNull();
    await waitFor(() => expect(search().get('q')).toBe('chat assistant'));

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(search().get('mine')).toBe('true');
    expect(search().get('riskClass')).toBeNull();
    expect(search().get('q')).toBeNull();
    // The sort order is not a filter and stays.
    expect(search().get('sort')).toBe('title');
    await act(() => Promise.resolve());
    expect(screen.getByLabelText('Search')).toHaveValue('');
  });
});

describe('InitiativeFilters on a phone', () => {
  it('folds the five lists behind a Filter button that counts the active ones', async () => {
    asPhone();
    renderFilters('/initiatives?status=paused&riskClass=high&q=lead');
    const toggle = screen.getByRole('button', { name: 'Filter (2 active)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // The search stays in view; the lists are folded away.
    expect(screen.getByLabelText('Search')).toBeVisible();
    expect(screen.queryByRole('combobox', { name: 'Status' })).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Status' })).toBeVisible());
  });
});
