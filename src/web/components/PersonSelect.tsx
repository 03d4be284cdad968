import { Group, Select, Text, type SelectProps } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../contracts/users.js';
import { PersonAvatar } from './PersonChip.js';

/** A person as pickers need them: full people or the references an initiative's members carry. */
export type PersonOption = Pick<Person, 'id' | 'name' | 'side' | 'department'>;

interface PersonSelectProps extends Omit<SelectProps, 'data' | 'renderOption'> {
  people: PersonOption[];
}

/**
 * Pick a person; each option shows the side-coloured avatar and the department. The options
 * are only drawn while the list is open: a closed picker holds just the chosen person, so a
 * page with a filter bar of a hundred people draws no hidden avatars at start.
 */
export function PersonSelect({
  people,
  onDropdownOpen,
  onDropdownClose,
  ...props
}: PersonSelectProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const selected = typeof props.value === 'string' ? byId.get(props.value) : undefined;
  const options = useMemo(() => people.map((p) => ({ value: p.id, label: p.name })), [people]);
  const data = open ? options : selected ? [{ value: selected.id, label: selected.name }] : [];
  return (
    <Select
      searchable
      nothingFoundMessage={t('form.noPeople')}
      data={data}
      onDropdownOpen={() => {
        setOpen(true);
        onDropdownOpen?.();
      }}
      onDropdownClose={() => {
        setOpen(false);
        onDropdownClose?.();
      }}
      leftSection={selected ? <PersonAvatar person={selected} size={22} /> : undefined}
      renderOption={({ option }) => {
        const person = byId.get(option.value);
        if (!person) return option.label;
        return (
          <Group gap="xs" wrap="nowrap">
            <PersonAvatar person={person} size={24} />
            <div>
              <Text size="sm">{person.name}</Text>
              <Text size="xs" c="dimmed">
                {t(`side.${person.side}`)}
                {person.department ? ` · ${person.department}` : ''}
              </Text>
            </div>
          </Group>
        );
      }}
      {...props}
    />
  );
}
