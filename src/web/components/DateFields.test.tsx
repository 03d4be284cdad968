import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../i18n/index.js';
import { renderWithProviders } from '../test-utils.js';
import { DayInput, DayTimeInput, TimeField } from './DateFields.js';

function Probe({
  kind,
  initial,
  onValue,
}: {
  kind: 'day' | 'dayTime' | 'time';
  initial: string;
  onValue: (v: string) => void;
}) {
  const [value, setValue] = useState(initial);
  const change = (v: string) => {
    setValue(v);
    onValue(v);
  };
  if (kind === 'day') return <DayInput label="Due date" value={value} onChange={change} />;
  if (kind === 'dayTime') return <DayTimeInput label="Time" value={value} onChange={change} />;
  return <TimeField label="Start" value={value} onChange={change} />;
}

describe('date fields follow the UI language, values stay ISO', () => {
  it.each([
    {
      what: 'a German day, and hands on the ISO day',
      lng: 'de',
      kind: 'day',
      label: 'Due date',
      initial: '2026-11-27',
      shown: '27.11.2026',
      typed: '01.12.2026',
      handed: '2026-12-01',
    },
    {
      what: 'the English day as the app writes it',
      lng: 'en',
      kind: 'day',
      label: 'Due date',
      initial: '2026-11-27',
      shown: '27 Nov 2026',
      typed: '1 Dec 2026',
      handed: '2026-12-01',
    },
    {
      what: 'a German day with a 24-hour time, and hands on a local date-time',
      lng: 'de',
      kind: 'dayTime',
      label: 'Time',
      initial: '2026-12-01T09:00',
      shown: '01.12.2026 09:00',
      typed: '27.11.2026 14:30',
      handed: '2026-11-27T14:30',
    },
  ] as const)(
    'shows and takes $what',
    async ({ lng, kind, label, initial, shown, typed, handed }) => {
      await i18n.changeLanguage(lng);
      const onValue = vi.fn();
      renderWithProviders(<Probe kind={kind} initial={initial} onValue={onValue} />);
      const input = screen.getByLabelText(label);
      expect(input).toHaveValue(shown);
      fireEvent.change(input, { target: { value: typed } });
      expect(onValue).toHaveBeenLastCalledWith(handed);
    },
  );

  it('does not take half typed or impossible German days', async () => {
    await i18n.changeLanguage('de');
    const onValue = vi.fn();
    renderWithProviders(<Probe kind="day" initial="2026-11-27" onValue={onValue} />);
    const input = screen.getByLabelText('Due date');
    fireEvent.change(input, { target: { value: '01.12.2026' } });
    onValue.mockClear();
    fireEvent.change(input, { target: { value: '31.02.2026' } });
    fireEvent.change(input, { target: { value: '3.1.20' } });
    expect(onValue).not.toHaveBeenCalled();
  });

  it('takes a time in 24 hours in both languages, as HH:mm', async () => {
    for (const lng of ['de', 'en']) {
      await i18n.changeLanguage(lng);
      const onValue = vi.fn();
      const { unmount } = renderWithProviders(
        <Probe kind="time" initial="14:00" onValue={onValue} />,
      );
      const hours = screen.getByLabelText(lng === 'de' ? 'Start, Stunden' : 'Start, Hours');
      const minutes = screen.getByLabelText(lng === 'de' ? 'Start, Minuten' : 'Start, Minutes');
      expect(hours).toHaveValue('14');
      expect(minutes).toHaveValue('00');
      // No AM/PM anywhere.
      expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
      await userEvent.clear(hours);
      await userEvent.type(hours, '09');
      await userEvent.clear(minutes);
      await userEvent.type(minutes, '30');
      expect(onValue).toHaveBeenLastCalledWith('09:30');
      unmount();
    }
  });
});
