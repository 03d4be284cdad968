import { DateInput, TimePicker, type DateInputProps, type TimePickerProps } from '@mantine/dates';
import { IconCalendar, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';
import { displayFormat, parseTyped } from './date-input-format.js';

type FieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** `2026-11-27`, or '' for none: the same string the API takes. */
  value: string;
  onChange: (value: string) => void;
};

/**
 * A calendar day, typed (27.11.2026 / 27 Nov 2026) or picked from a calendar. The value stays
 * an ISO day (`2026-11-27`), whatever the language shows.
 */
export function DayInput({ value, onChange, ...props }: FieldProps) {
  const { language } = useFormat();
  return (
    <DateInput
      leftSection={<IconCalendar size={16} aria-hidden />}
      placeholder={language === 'de' ? 'TT.MM.JJJJ' : 'DD Mon YYYY'}
      {...props}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat={displayFormat(language)}
      dateParser={(typed) => parseTyped(typed, language)}
      allowDeselect={!props.required}
    />
  );
}

/**
 * A day and a time of the browser's local clock (27.11.2026 14:00 / 27 Nov 2026 14:00). The
 * value is a `datetime-local` string (`2026-11-27T14:00`), as before.
 */
export function DayTimeInput({ value, onChange, ...props }: FieldProps) {
  const { language } = useFormat();
  return (
    <DateInput
      leftSection={<IconCalendar size={16} aria-hidden />}
      placeholder={language === 'de' ? 'TT.MM.JJJJ hh:mm' : 'DD Mon YYYY hh:mm'}
      {...props}
      withTime
      value={value ? `${value.replace('T', ' ')}:00`.slice(0, 19) : null}
      onChange={(v) => onChange(v ? v.slice(0, 16).replace(' ', 'T') : '')}
      valueFormat={displayFormat(language, true)}
      dateParser={(typed) => parseTyped(typed, language, true)}
      allowDeselect={false}
    />
  );
}

/**
 * A time of day in 24 hours (`14:00`), hours and minutes each typed or stepped. Each part is
 * named with the field's label ("Uhrzeit, Stunden"), and both are marked invalid with an error.
 */
export function TimeField({
  hoursInputProps,
  minutesInputProps,
  ...props
}: Omit<TimePickerProps, 'format' | 'withSeconds'>) {
  const { t } = useTranslation();
  const named = (part: string) =>
    typeof props.label === 'string' ? `${props.label}, ${part}` : part;
  const invalid = props.error ? true : undefined;
  return (
    <TimePicker
      leftSection={<IconClock size={16} aria-hidden />}
      hoursInputLabel={named(t('dates.hours'))}
      minutesInputLabel={named(t('dates.minutes'))}
      hoursInputProps={{ 'aria-invalid': invalid, ...hoursInputProps }}
      minutesInputProps={{ 'aria-invalid': invalid, ...minutesInputProps }}
      {...props}
      format="24h"
    />
  );
}
