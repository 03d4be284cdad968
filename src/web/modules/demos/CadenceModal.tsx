import { Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import type { Cadence, CadenceInterval } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { DayInput, TimeField } from '../../components/DateFields.js';
import { localToday } from '../../components/date-input-format.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import {
  WEEKDAYS,
  type WeekdayKey,
  weekdayKey,
  type WeekKey,
  weekKey,
  weekNumber,
  WEEKS,
} from './demo-format.js';
import { useSetCadenceMutation } from './demos.queries.js';
import { FormActions } from '../../components/FormActions.js';

const INTERVALS: CadenceInterval[] = [
  'weekly',
  'every_2_weeks',
  'every_3_weeks',
  'every_4_weeks',
  'monthly',
];

/** Set or change the demo cadence: interval, weekday, time, duration, zone, place, presenter. */
export function CadenceModal({
  initiative,
  cadence,
  opened,
  onClose,
}: {
  initiative: Initiative;
  cadence: Cadence | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSetCadenceMutation(initiative.id);
  const [interval, setInterval] = useState<CadenceInterval>(cadence?.interval ?? 'every_2_weeks');
  const [weekday, setWeekday] = useState<WeekdayKey>(weekdayKey(cadence?.weekday ?? 4));
  const [weekOfMonth, setWeekOfMonth] = useState<WeekKey>(weekKey(cadence?.weekOfMonth ?? 2));
  const [time, setTime] = useState(cadence?.time ?? '14:00');
  const [duration, setDuration] = useState<number>(cadence?.durationMinutes ?? 45);
  const [timeZone, setTimeZone] = useState(cadence?.timeZone ?? 'Europe/Berlin');
  const [startsOn, setStartsOn] = useState(cadence?.startsOn ?? localToday());
  const [location, setLocation] = useState(cadence?.location ?? '');
  const [presenterId, setPresenterId] = useState<string | null>(cadence?.presenter?.id ?? null);
  const people = initiative.members.map((m) => m.person);
  const fieldError = (field: string) =>
    isApiError(save.error) ? save.error.fieldErrors[field] : undefined;

  return (
    <Modal opened={opened} onClose={onClose} title={t('demos.cadence.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            {
              version: cadence?.version,
              interval,
              weekday: Number(weekday),
              weekOfMonth: interval === 'monthly' ? weekNumber(weekOfMonth) : null,
              time,
              durationMinutes: duration,
              timeZone,
              ...(startsOn ? { startsOn } : {}),
              location,
              presenterId,
              inviteeIds: cadence?.invitees.map((p) => p.id) ?? people.map((p) => p.id),
            },
            { onSuccess: onClose },
          );
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('demos.cadence.interval')}
            data={INTERVALS.map((value) => ({ value, label: t(`demos.interval.${value}`) }))}
            value={interval}
            onChange={(v) => setInterval((v as CadenceInterval | null) ?? 'weekly')}
            allowDeselect={false}
          />
          <Group grow align="flex-start">
            {interval === 'monthly' ? (
              <Select
                label={t('demos.cadence.weekOfMonth')}
                data={WEEKS.map((value) => ({ value, label: t(`demos.weekOfMonth.${value}`) }))}
                value={weekOfMonth}
                onChange={(v) => setWeekOfMonth(WEEKS.find((w) => w === v) ?? '1')}
                allowDeselect={false}
              />
            ) : null}
            <Select
              label={t('demos.cadence.weekday')}
              data={WEEKDAYS.map((value) => ({ value, label: t(`demos.weekday.${value}`) }))}
              value={weekday}
              onChange={(v) => setWeekday(WEEKDAYS.find((w) => w === v) ?? '1')}
              allowDeselect={false}
            />
          </Group>
          <Group grow align="flex-start">
            <TimeField
              label={t('demos.cadence.time')}
              value={time}
              onChange={setTime}
              error={fieldError('time')}
              required
            />
            <NumberInput
              label={t('demos.cadence.duration')}
              value={duration}
              min={5}
              max={480}
              step={15}
              onChange={(v) => setDuration(typeof v === 'number' ? v : Number(v) || 0)}
            />
          </Group>
          <DayInput
            label={t('demos.cadence.startsOn')}
            description={t('demos.cadence.startsOnHint')}
            value={startsOn}
            onChange={setStartsOn}
            error={fieldError('startsOn')}
          />
          <TextInput
            label={t('demos.cadence.timeZone')}
            value={timeZone}
            onChange={(e) => setTimeZone(e.currentTarget.value)}
            error={fieldError('timeZone')}
          />
          <TextInput
            label={t('demos.cadence.location')}
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
          />
          <PersonSelect
            label={t('demos.cadence.presenter')}
            people={people}
            value={presenterId}
            onChange={setPresenterId}
            clearable
          />
          {save.error ? <ProblemAlert error={save.error} /> : null}
          <FormActions
            onCancel={onClose}
            loading={save.isPending}
            submitLabel={t('demos.cadence.save')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
