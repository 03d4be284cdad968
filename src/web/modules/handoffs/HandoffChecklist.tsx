import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { IconSquare, IconSquareCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../../contracts/handoffs.js';
import { useFormat } from '../../i18n/format.js';
import { ActionError } from './HandoffDialogs.js';
import { useUpdateHandoffMutation } from './handoffs.queries.js';
import { HandoffSection } from './HandoffBits.js';

/** The stage's checklist: ticked by the sender while preparing, read by everyone else. */
export function HandoffChecklist({ handoff, editable }: { handoff: Handoff; editable: boolean }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const update = useUpdateHandoffMutation(handoff.id);
  const checked = handoff.checklist.filter((c) => c.checked).map((c) => c.id);
  return (
    <HandoffSection
      id="handoff-checklist"
      title={t('handoffs.checklist')}
      titleMb={4}
      isEmpty={handoff.checklist.length === 0}
      emptyText={t('handoffs.checklistNone')}
    >
      <>
        <Text size="sm" c="dimmed" mb="sm">
          {t('handoffs.checklistHint')}
        </Text>
        {editable ? null : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {handoff.checklist.map((c) => (
              <Group key={c.id} gap="xs" wrap="nowrap" component="li">
                {c.checked ? (
                  <IconSquareCheck size={20} color="var(--mantine-color-blue-6)" aria-hidden />
                ) : (
                  <IconSquare size={20} color="var(--mantine-color-gray-5)" aria-hidden />
                )}
                <Text size="sm">
                  {language === 'de' ? c.labelDe : c.labelEn}
                  <span className="visually-hidden">
                    {' '}
                    ({c.checked ? t('handoffs.checked') : t('handoffs.unchecked')})
                  </span>
                </Text>
                {c.source === 'high_risk' ? (
                  <Badge color="grape" variant="outline" size="xs" radius="sm">
                    {t('handoffs.highRiskItem')}
                  </Badge>
                ) : null}
              </Group>
            ))}
          </Stack>
        )}
        <Checkbox.Group
          display={editable ? undefined : 'none'}
          value={checked}
          aria-labelledby="handoff-checklist"
          onChange={(next) => update.mutate({ version: handoff.version, checked: next })}
        >
          <Stack gap="xs">
            {handoff.checklist.map((c) => (
              <Group key={c.id} gap="xs" wrap="nowrap" align="flex-start">
                <Checkbox
                  value={c.id}
                  disabled={!editable || update.isPending}
                  label={language === 'de' ? c.labelDe : c.labelEn}
                  aria-describedby={c.source === 'high_risk' ? `hr-${c.id}` : undefined}
                  styles={{ label: { opacity: 1 } }}
                />
                {c.source === 'high_risk' ? (
                  <Badge id={`hr-${c.id}`} color="grape" variant="outline" size="xs" radius="sm">
                    {t('handoffs.highRiskItem')}
                  </Badge>
                ) : null}
              </Group>
            ))}
          </Stack>
        </Checkbox.Group>
        <ActionError error={update.error} />
      </>
    </HandoffSection>
  );
}
