import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconArrowRight, IconClockExclamation, IconMessageQuestion } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PersonRef } from '../../../contracts/common.js';
import type { HandoffState, HandoffSummary } from '../../../contracts/handoffs.js';
import { PersonChip } from '../../components/PersonChip.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { stageName, useFormat } from '../../i18n/format.js';

/** State colours: neutral and blue tones; red and yellow stay reserved for health and overdue. */
const STATE_COLOR: Record<
  HandoffState,
  { color: string; variant: 'light' | 'filled' | 'outline' }
> = {
  draft: { color: 'gray', variant: 'light' },
  submitted: { color: 'blue', variant: 'light' },
  returned: { color: 'grape', variant: 'light' },
  accepted: { color: 'blue', variant: 'filled' },
  withdrawn: { color: 'gray', variant: 'outline' },
};
export const stateColor = (state: HandoffState): string => STATE_COLOR[state].color;

export function HandoffStateBadge({ state, round }: { state: HandoffState; round: number }) {
  const { t } = useTranslation();
  const { color, variant } = STATE_COLOR[state];
  return (
    <Badge color={color} variant={variant} radius="sm">
      {state === 'submitted' && round > 1
        ? t('handoffs.resubmitted', { round })
        : t(`handoffs.state.${state}`)}
    </Badge>
  );
}

/** "Specification → Build", or "Within Build" when the stage stays. */
export function StageRoute({
  handoff,
}: {
  handoff: Pick<HandoffSummary, 'fromStage' | 'toStage'>;
}) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const from = stageName(handoff.fromStage, language);
  return (
    <Text size="sm" c="dimmed" component="span">
      {handoff.toStage
        ? t('handoffs.stageToStage', { from, to: stageName(handoff.toStage, language) })
        : t('handoffs.withinStage', { stage: from })}
    </Text>
  );
}

/** Overdue, returns and open questions: what needs attention, as small badges. */
export function AttentionBadges({ handoff }: { handoff: Pick<HandoffSummary, 'timings'> }) {
  const { t } = useTranslation();
  const { overdue, overdueDays, returns, openQuestions } = handoff.timings;
  return (
    <>
      {overdue ? (
        <Badge
          color="grape"
          variant="filled"
          radius="sm"
          leftSection={<IconClockExclamation size={12} aria-hidden />}
        >
          {t('handoffs.overdue', { count: overdueDays })}
        </Badge>
      ) : null}
      {returns > 0 ? (
        <Badge color={returns > 1 ? 'grape' : 'gray'} variant="light" radius="sm">
          {t('handoffs.returns', { count: returns })}
        </Badge>
      ) : null}
      {openQuestions > 0 ? (
        <Badge
          color="grape"
          variant="light"
          radius="sm"
          leftSection={<IconMessageQuestion size={12} aria-hidden />}
        >
          {t('handoffs.openQuestions', { count: openQuestions })}
        </Badge>
      ) : null}
    </>
  );
}

/** A duration in the largest sensible unit. */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('handoffs.duration.minutes', { count: Math.max(1, minutes) });
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return t('handoffs.duration.hours', { count: hours });
  return t('handoffs.duration.days', { count: Math.round(ms / 86_400_000) });
}

function PartyCard({
  label,
  person,
  deputy,
  deputyLabel,
}: {
  label: string;
  person: PersonRef;
  deputy: PersonRef | null;
  deputyLabel: string;
}) {
  const { t } = useTranslation();
  const color = SIDE_COLOR[person.side];
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={label}
      style={{
        flex: '1 1 240px',
        borderTop: `4px solid var(--mantine-color-${color}-6)`,
        background: `light-dark(var(--mantine-color-${color}-0), color-mix(in srgb, var(--mantine-color-${color}-9) 22%, var(--mantine-color-dark-7)))`,
      }}
    >
      <Text
        size="xs"
        fw={700}
        c={`light-dark(var(--mantine-color-${color}-8), var(--mantine-color-${color}-3))`}
        mb="sm"
      >
        {label} · {t(`side.${person.side}`)}
      </Text>
      <Stack gap="sm">
        <PersonChip person={person} size="md" detail={person.department ?? undefined} />
        {deputy ? <PersonChip person={deputy} size="sm" detail={deputyLabel} /> : null}
      </Stack>
    </Paper>
  );
}

/** Sender → receiver, each in their side's colour, with their deputies. */
export function SenderReceiver({ handoff }: { handoff: HandoffSummary }) {
  const { t } = useTranslation();
  return (
    <Group align="stretch" gap="md" wrap="wrap">
      <PartyCard
        label={t('handoffs.sender')}
        person={handoff.sender}
        deputy={handoff.senderDeputy}
        deputyLabel={t('handoffs.senderDeputy')}
      />
      <Group justify="center" style={{ flex: '0 0 auto', alignSelf: 'center' }}>
        <IconArrowRight size={28} aria-hidden color="var(--mantine-color-dimmed)" />
      </Group>
      <PartyCard
        label={t('handoffs.receiver')}
        person={handoff.receiver}
        deputy={handoff.receiverDeputy}
        deputyLabel={t('handoffs.receiverDeputy')}
      />
    </Group>
  );
}

/**
 * One titled part of a handoff's page (deliverables, checklist, timeline): its heading, then
 * `emptyText` when there is nothing to list, else the list.
 */
export function HandoffSection({
  id,
  title,
  titleMb = 'sm',
  isEmpty,
  emptyText,
  children,
}: {
  id: string;
  title: string;
  titleMb?: 'sm' | number;
  isEmpty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} fz="h4" mb={titleMb} id={id}>
        {title}
      </Title>
      {isEmpty ? (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        children
      )}
    </section>
  );
}
