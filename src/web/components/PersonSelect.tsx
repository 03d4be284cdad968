import { Group, Select, Text, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../contracts/users.js';
import { PersonAvatar } from './PersonChip.js';

/** A person as pickers need them: full people or the references an initiative's members carry. */
export type PersonOption = Pick<Person, 'id' | 'name' | 'side' | 'department'>;

interface PersonSelectProps extends Omit<SelectProps, 'data' | 'renderOption'> {
  people: PersonOption[];
}

/** Pick a person; each option shows the side-coloured avatar and the department. */
export function PersonSelect({ people, ...props }: PersonSelectProps) {
  const { t } = useTranslation();
  const byId = new Map(people.map((p) => [p.id, p]));
  const selected = typeof props.value === 'string' ? byId.get(props.value) : undefined;
  return (
    <Select
      searchable
      nothingFoundMessage={t('form.noPeople')}
      data={people.map((p) => ({ value: p.id, label: p.name }))}
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
