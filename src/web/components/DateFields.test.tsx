import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n/index.js';
import { renderWithProviders } from '../test-utils.js';
import { DayInput, DayTimeInput, TimeField } from './DateFields.js';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

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
  it('shows and takes a German day, and hands on the ISO day', async () => {
    await i18n.changeLanguage('de');
    const onValue = vi.fn();
    renderWithProviders(<Probe kind="day" initial="2026-11-27" onValue={onValue} />);
    const input = screen.getByLabelText('Due date');
    expect(input).toHaveValue('27.11.2026');
    fireEvent.change(input, { target: { value: '01.12.2026' } });
    expect(onValue).toHaveBeenLastCalledWith('2026-12-01');
    // Half typed or impossible dates are not taken.
    onValue.mockClear();
    fireEvent.change(input, { target: { value: '31.02.2026' } });
    fireEvent.change(input, { target: { value: '3.1.20' } });
    expect(onValue).not.toHaveBeenCalled();
  });

  it('shows the English day as the app writes it', async () => {
    const onValue = vi.fn();
    renderWithProviders(<Probe kind="day" initial="2026-11-27" onValue={onValue} />);
    const input = screen.getByLabelText('Due date');
    expect(input).toHaveValue('27 Nov 2026');
    fireEvent.change(input, { target: { value: '1 Dec 2026' } });
    expect(onValue).toHaveBeenLastCalledWith('2026-12-01');
  });

  it('shows a German day with a 24-hour time, and hands on a local date-time', async () => {
    await i18n.changeLanguage('de');
    const onValue = vi.fn();
    renderWithProviders(<Probe kind="dayTime" initial="2026-12-01T09:00" onValue={onValue} />);
    const input = screen.getByLabelText('Time');
    expect(input).toHaveValue('01.12.2026 09:00');
    fireEvent.change(input, { target: { value: '27.11.2026 14:30' } });
    expect(onValue).toHaveBeenLastCalledWith('2026-11-27T14:30');
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
      expect(screen.queryByRole('combobox')).toBeNull();
      await userEvent.clear(hours);
      await userEvent.type(hours, '09');
      await userEvent.clear(minutes);
      await userEvent.type(minutes, '30');
      expect(onValue).toHaveBeenLastCalledWith('09:30');
      unmount();
    }
  });
});
