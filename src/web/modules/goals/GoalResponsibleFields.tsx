import { Fieldset, SimpleGrid, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../../contracts/common.js';
import { SIDES } from '../../../domain/sides.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { SideBadge } from '../../components/SideBadge.js';
import { SideColumn } from '../../components/SideColumn.js';
import type { GoalFormValues } from './goal-form.js';

/** Who answers for the goal: one person per side, chosen from the initiative's team. */
export function GoalResponsibleFields({
  form,
  initiative,
}: {
  form: UseFormReturnType<GoalFormValues>;
  initiative: Initiative;
}) {
  const { t } = useTranslation();
  const peopleOf = (side: Side) =>
    initiative.members
      .filter((m) => m.person.side === side && m.role !== 'observer')
      .map((m) => m.person);
  return (
    <Fieldset legend={t('goals.form.sections.who')} radius="md">
      <Text size="sm" c="dimmed" mb="sm">
        {t('goals.form.sections.whoHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {SIDES.map((side) => {
          const people = peopleOf(side);
          const key = side === 'business' ? 'businessResponsibleId' : 'itResponsibleId';
          return (
            <SideColumn key={side} side={side} gap="xs">
              <SideBadge side={side} />
              <PersonSelect
                label={t(`goals.field.${key}`)}
                placeholder={t('form.pickPerson')}
                people={people}
                clearable
                description={people.length === 0 ? t('goals.form.noMembers') : undefined}
                {...form.getInputProps(key)}
              />
            </SideColumn>
          );
        })}
      </SimpleGrid>
    </Fieldset>
  );
}
