import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import type { Occurrence } from '../../../contracts/demos.js';
import { DayInput, TimeField } from '../../components/DateFields.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { useOccurrenceChangeMutation } from './demos.queries.js';

export type ChangeKind = 'move' | 'skip' | 'cancel';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** What the form says before sending: a reason always, a date and a time when moving. */
export function validateChange(
  change: ChangeKind,
  values: { date: string; time: string; reason: string },
  t: TFunction,
): Partial<Record<'date' | 'time' | 'reason', string>> {
  const errors: Partial<Record<'date' | 'time' | 'reason', string>> = {};
  if (values.reason.trim() === '') errors.reason = t('demos.change.error.reason');
  else if (values.reason.trim().length > 1000) errors.reason = t('demos.change.error.reasonLong');
  if (change === 'move') {
    if (!DAY.test(values.date)) errors.date = t('demos.change.error.date');
    if (!TIME.test(values.time)) errors.time = t('demos.change.error.time');
  }
  return errors;
}

/** The server's field errors, in the user's language where we know the code. */
function serverErrors(
  error: unknown,
  values: { date: string; time: string },
  timeZone: string,
  t: TFunction,
): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.fieldIssues) {
    const message =
      issue.code === 'time_in_dst_gap'
        ? t('demos.change.error.dstGap', { time: values.time, date: values.date, timeZone })
        : issue.code === 'in_past'
          ? t('demos.change.error.inPast')
          : issue.message;
    out[issue.path] ??= message;
  }
  return out;
}

/**
 * Move, skip or cancel one planned demo, always with a reason. Moving takes a new local date
 * and time in the cadence's time zone; the server's answer (e.g. a time the clocks skip) lands
 * on the field.
 */
export function OccurrenceChangeModal({
  initiativeId,
  occurrence,
  change,
  opened,
  onClose,
}: {
  initiativeId: string;
  occurrence: Occurrence;
  change: ChangeKind;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mutation = useOccurrenceChangeMutation(initiativeId);
  const [date, setDate] = useState(occurrence.localDate);
  const [time, setTime] = useState(occurrence.localTime);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [reasonTouched, setReasonTouched] = useState(false);

  const local = validateChange(change, { date, time, reason }, t);
  const fromServer = mutation.isPending
    ? {}
    : serverErrors(
        mutation.error,
        { date: DAY.test(date) ? formatDay(fmt, date) : date, time },
        occurrence.timeZone,
        t,
      );
  const show = (field: 'date' | 'time' | 'reason') =>
    (submitted || (field === 'reason' && reasonTouched) ? local[field] : undefined) ??
    fromServer[field];
  const hasFieldError = Object.keys(fromServer).length > 0;
  const when = `${formatDay(fmt, occurrence.localDate)}, ${occurrence.localTime}`;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t(`demos.change.${change}.title`, { date: when })}
      centered
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(local).length) return;
          const base = { version: occurrence.version, reason: reason.trim() };
          mutation.mutate(
            change === 'move'
              ? { id: occurrence.id, change, body: { ...base, date, time } }
              : { id: occurrence.id, change, body: base },
            { onSuccess: onClose },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t(`demos.change.${change}.text`, { timeZone: occurrence.timeZone })}
          </Text>
          {change === 'move' ? (
            <Group grow align="flex-start">
              <DayInput
                label={t('demos.change.date')}
                value={date}
                onChange={(v) => {
                  setDate(v);
                  if (mutation.error) mutation.reset();
                }}
                error={show('date')}
                required
              />
              <TimeField
                label={t('demos.change.time')}
                description={occurrence.timeZone}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={time}
                onChange={(v) => {
                  setTime(v);
                  if (mutation.error) mutation.reset();
                }}
                error={show('time')}
                required
              />
            </Group>
          ) : null}
          <Textarea
            label={t('demos.change.reason')}
            placeholder={t(`demos.change.${change}.placeholder`)}
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onBlur={() => setReasonTouched(true)}
            error={show('reason')}
            required
            data-autofocus
          />
          {mutation.error && !hasFieldError ? <ProblemAlert error={mutation.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {change === 'cancel' ? t('demos.change.keep') : t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={change === 'cancel' ? 'dark' : undefined}
              loading={mutation.isPending}
            >
              {t(`demos.change.${change}.confirm`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
