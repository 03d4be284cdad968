import {
  Autocomplete,
  Box,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../contracts/users.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SideBadge } from '../../components/SideBadge.js';
import { applyServerErrors } from '../../lib/validation.js';
import { STATUSES } from './useInitiativeFilters.js';
import { RiskQuestionnaire } from './RiskQuestionnaire.js';
import { validateInitiative, type InitiativeFormValues } from './initiative-form.js';
import { FormActions } from '../../components/FormActions.js';
import { SIDES } from '../../../domain/sides.js';

interface InitiativeFormProps {
  mode: 'create' | 'edit';
  initialValues: InitiativeFormValues;
  people: Person[];
  departments: string[];
  /** May change owners, deputies, status and visibility. */
  canManage: boolean;
  submitting: boolean;
  error: unknown;
  onSubmit: (values: InitiativeFormValues) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}

function Section({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="lg" component="section">
      <Title order={2} fz="h4" mb={hint ? 2 : 'md'}>
        {title}
      </Title>
      {hint ? (
        <Text size="sm" c="dimmed" mb="md">
          {hint}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

/** The same form registers a new initiative and edits an existing one. */
export function InitiativeForm({
  mode,
  initialValues,
  people,
  departments,
  canManage,
  submitting,
  error,
  onSubmit,
  onCancel,
  onReload,
}: InitiativeFormProps) {
  const { t } = useTranslation();
  // In a new initiative the chosen class follows the suggestion until someone picks one.
  const classTouched = useRef(mode === 'edit');
  const form = useForm<InitiativeFormValues>({
    mode: 'controlled',
    initialValues,
    validateInputOnChange: true,
    validate: (values) => validateInitiative(values, t),
  });

  const owners = people.filter((p) => p.role !== 'viewer');
  const business = owners.filter((p) => p.side === 'business');
  const it = owners.filter((p) => p.side === 'it');
  const v = form.values;

  const submit = form.onSubmit((values) => {
    onSubmit(values).catch((e: unknown) => applyServerErrors(form, e, t));
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={980}>
        <Section title={t('form.sections.basics')}>
          <Stack gap="md">
            <TextInput
              label={t('form.title')}
              placeholder={t('form.titlePlaceholder')}
              required
              maxLength={200}
              data-autofocus
              {...form.getInputProps('title')}
            />
            <Textarea
              label={t('form.problem')}
              description={t('form.problemHint')}
              required
              autosize
              minRows={3}
              maxRows={12}
              {...form.getInputProps('problem')}
            />
            <Textarea
              label={t('form.expectedBenefit')}
              description={t('form.expectedBenefitHint')}
              required
              autosize
              minRows={3}
              maxRows={12}
              {...form.getInputProps('expectedBenefit')}
            />
            <Autocomplete
              label={t('form.department')}
              description={t('form.departmentHint')}
              required
              data={departments}
              maw={420}
              {...form.getInputProps('department')}
            />
          </Stack>
        </Section>

        <Section title={t('form.sections.people')} hint={t('form.sections.peopleHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {SIDES.map((side) => (
              <Box
                key={side}
                pl="md"
                style={{
                  borderLeft: `3px solid var(--mantine-color-${side === 'business' ? 'teal' : 'indigo'}-6)`,
                }}
              >
                <SideBadge side={side} mb="sm" />
                <Stack gap="sm">
                  <PersonSelect
                    label={side === 'business' ? t('form.businessOwner') : t('form.itOwner')}
                    placeholder={t('form.pickPerson')}
                    people={side === 'business' ? business : it}
                    required
                    disabled={!canManage}
                    {...form.getInputProps(side === 'business' ? 'businessOwnerId' : 'itOwnerId')}
                  />
                  <PersonSelect
                    label={side === 'business' ? t('form.businessDeputy') : t('form.itDeputy')}
                    placeholder={t('form.pickPerson')}
                    people={side === 'business' ? business : it}
                    clearable
                    disabled={!canManage}
                    {...form.getInputProps(side === 'business' ? 'businessDeputyId' : 'itDeputyId')}
                  />
                </Stack>
              </Box>
            ))}
          </SimpleGrid>
        </Section>

        <Section title={t('form.sections.risk')}>
          <RiskQuestionnaire
            answers={v.riskAnswers}
            riskClass={v.riskClass}
            justification={v.riskJustification}
            onAnswersChange={(answers, suggested) => {
              form.setFieldValue('riskAnswers', answers);
              if (!classTouched.current) form.setFieldValue('riskClass', suggested);
            }}
            onRiskClassChange={(c) => {
              classTouched.current = true;
              form.setFieldValue('riskClass', c);
            }}
            onJustificationChange={(text) => form.setFieldValue('riskJustification', text)}
            errors={{
              riskClass: form.errors.riskClass,
              riskJustification: form.errors.riskJustification,
            }}
          />
        </Section>

        <Section title={t('form.sections.sharing')}>
          <Stack gap="md">
            {mode === 'edit' ? (
              <Select
                label={t('form.status')}
                data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                allowDeselect={false}
                disabled={!canManage}
                maw={260}
                {...form.getInputProps('status')}
              />
            ) : null}
            <Radio.Group label={t('form.visibility')} {...form.getInputProps('visibility')}>
              <Stack gap="sm" mt="xs">
                <Radio
                  value="company"
                  label={t('visibility.company')}
                  description={t('visibility.companyHint')}
                  disabled={!canManage}
                />
                <Radio
                  value="members"
                  label={t('visibility.members')}
                  description={t('visibility.membersHint')}
                  disabled={!canManage}
                />
              </Stack>
            </Radio.Group>
            <TagsInput
              label={t('form.tags')}
              description={t('form.tagsHint')}
              maxTags={20}
              clearable
              {...form.getInputProps('tags')}
            />
          </Stack>
        </Section>

        <ProblemAlert error={error} onReload={onReload} />
        <FormActions
          onCancel={onCancel}
          loading={submitting}
          submitLabel={mode === 'create' ? t('form.create') : t('common.saveChanges')}
        />
      </Stack>
    </form>
  );
}
