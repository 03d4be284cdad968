import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test-utils.js';
import { PersonSelect, type PersonOption } from './PersonSelect.js';

const people: PersonOption[] = Array.from({ length: 40 }, (_, i) => ({
  id: `p${i}`,
  name: `Person ${String(i).padStart(2, '0')}`,
  side: i % 2 ? 'it' : 'business',
  department: 'Sales',
}));

function Picker({ initial }: { initial: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <PersonSelect label="Owner" people={people} value={value} onChange={setValue} clearable />
      <output data-testid="value">{value ?? 'none'}</output>
    </>
  );
}

describe('PersonSelect', () => {
  it('draws no options while closed and all people once opened', async () => {
    renderWithProviders(<Picker initial="p07" />);
    const input = screen.getByRole('combobox', { name: 'Owner' });
    // Closed: none of the forty options is in the document.
    expect(screen.queryAllByRole('option', { hidden: true })).toHaveLength(0);

    await userEvent.click(input);
    expect(await screen.findAllByRole('option')).toHaveLength(40);
    await userEvent.click(screen.getByRole('option', { name: /Person 12/ }));
    expect(screen.getByTestId('value')).toHaveTextContent('p12');
    // Closed again: at most the chosen person is left while the list fades out.
    await userEvent.keyboard('{Escape}');
    expect(screen.queryAllByRole('option', { hidden: true }).length).toBeLessThanOrEqual(1);
  });

  it('finds a person by typing', async () => {
    renderWithProviders(<Picker initial={null} />);
    const input = screen.getByRole('combobox', { name: 'Owner' });
    await userEvent.type(input, 'Person 3');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('Person 30')]),
    );
    expect(options).toHaveLength(10);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByTestId('value')).toHaveTextContent('p30');
  });

  it('opens and chooses with the keyboard alone', async () => {
    renderWithProviders(<Picker initial={null} />);
    await userEvent.tab();
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(await screen.findAllByRole('option')).toHaveLength(40);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(screen.getByTestId('value')).not.toHaveTextContent('none');
  });
});
