import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconCheck,
  IconEdit,
  IconExternalLink,
  IconMessageQuestion,
  IconSend,
  IconSquare,
  IconSquareCheck,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Handoff } from '../../../contracts/handoffs.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { useInitiativeQuery } from '../../queries/initiatives.js';
import {
  AttentionBadges,
  formatDuration,
  HandoffStateBadge,
  SenderReceiver,
  StageRoute,
} from './HandoffBits.js';
import { ActionError, ReturnDialog, TextDialog } from './HandoffDialogs.js';
import { HandoffFormModal } from './HandoffFormModal.js';
import { HandoffTimeline } from './HandoffTimeline.js';
import {
  type HandoffCommand,
  useHandoffCommandMutation,
  useHandoffQuery,
  useUpdateHandoffMutation,
} from './handoffs.queries.js';
import { QuestionThread } from './QuestionThread.js';

function Timings({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const x = handoff.timings;
  const when = (v: string | null) => (v ? fmt.dateTime(v) : t('handoffs.timings.notYet'));
  const rows: [string, string][] = [
    [t('handoffs.timings.submitted'), when(x.submittedAt)],
    [t('handoffs.timings.firstResponse'), when(x.firstResponseAt)],
    [t('handoffs.timings.accepted'), when(x.acceptedAt)],
    [
      t('handoffs.timings.leadTime'),
      x.leadTimeMs === null
        ? t('handoffs.timings.notYet')
        : x.acceptedAt
          ? formatDuration(x.leadTimeMs, t)
          : t('handoffs.timings.running', { duration: formatDuration(x.leadTimeMs, t) }),
    ],
    [t('handoffs.timings.returns'), fmt.number(x.returns)],
    [
      t('handoffs.timings.openQuestions'),
      x.openQuestions && x.oldestOpenQuestionMs !== null
        ? `${fmt.number(x.openQuestions)} (${t('handoffs.timings.oldestQuestion', {
            age: formatDuration(x.oldestOpenQuestionMs, t),
          })})`
        : fmt.number(x.openQuestions),
    ],
  ];
  return (
    <section aria-labelledby="handoff-timings">
      <Title order={2} fz="h4" mb="sm" id="handoff-timings">
        {t('handoffs.timings.title')}
      </Title>
      <dl className="handoff-timings" style={{ margin: 0 }}>
        {rows.map(([k, v]) => (
          <Group key={k} justify="space-between" gap="xs" py={4} wrap="nowrap">
            <Text component="dt" size="sm" c="dimmed">
              {k}
            </Text>
            <Text component="dd" size="sm" fw={500} m={0} ta="right">
              {v}
            </Text>
          </Group>
        ))}
      </dl>
    </section>
  );
}

function Checklist({ handoff, editable }: { handoff: Handoff; editable: boolean }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const update = useUpdateHandoffMutation(handoff.id);
  const checked = handoff.checklist.filter((c) => c.checked).map((c) => c.id);
  return (
    <section aria-labelledby="handoff-checklist">
      <Title order={2} fz="h4" mb={4} id="handoff-checklist">
        {t('handoffs.checklist')}
      </Title>
      {handoff.checklist.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('handoffs.checklistNone')}
        </Text>
      ) : (
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
      )}
    </section>
  );
}

function Deliverables({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="handoff-deliverables">
      <Title order={2} fz="h4" mb="sm" id="handoff-deliverables">
        {t('handoffs.deliverables')}
      </Title>
      {handoff.deliverables.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('handoffs.noDeliverables')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {handoff.deliverables.map((d) => (
            <Paper key={d.id} withBorder radius="sm" p="xs" component="li">
              <Group justify="space-between" gap="xs" wrap="wrap">
                {d.link ? (
                  <Anchor href={d.link} target="_blank" rel="noreferrer" fw={500} size="sm">
                    <Group gap={4} wrap="nowrap" component="span">
                      {d.title}
                      <IconExternalLink size={14} aria-hidden />
                    </Group>
                  </Anchor>
                ) : (
                  <Text fw={500} size="sm">
                    {d.title}
                  </Text>
                )}
                <Badge variant="default" radius="sm" tt="none" fw={500}>
                  {t(`handoffs.kind.${d.kind}`)}
                </Badge>
              </Group>
              {d.description ? (
                <Text size="sm" c="dimmed" mt={4}>
                  {d.description}
                </Text>
              ) : null}
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}

type Dialog = 'accept' | 'return' | 'ask' | 'withdraw' | 'edit' | null;

function HandoffView({ handoff, onReload }: { handoff: Handoff; onReload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const command = useHandoffCommandMutation(handoff.id);
  const initiative = useInitiativeQuery(handoff.initiative.id, {
    enabled: handoff.actions.includes('edit'),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const open = (d: Dialog) => {
    command.reset();
    setDialog(d);
  };
  const close = () => setDialog(null);
  const can = (a: Handoff['actions'][number]) => handoff.actions.includes(a);
  const unchecked = handoff.checklist.filter((c) => !c.checked).length;
  const run = (c: HandoffCommand, message: (h: Handoff) => string) =>
    command.mutate(c, {
      onSuccess: (h) => {
        notifications.show({ message: message(h), color: 'blue' });
        close();
      },
    });
  const receiving = handoff.myRole === 'receiver' || handoff.myRole === 'receiver_deputy';
  const toStage = handoff.toStage ? stageName(handoff.toStage, fmt.language) : null;

  const submitBlocked =
    handoff.deliverables.length === 0
      ? t('handoffs.actions.noDeliverablesBlock')
      : unchecked > 0
        ? t('handoffs.actions.uncheckedBlock', { count: unchecked })
        : null;
  const acceptBlocked =
    handoff.timings.openQuestions > 0 ? t('handoffs.actions.openQuestionsBlock') : null;

  const buttons = (
    <Group
      gap="xs"
      role="group"
      aria-label={receiving ? t('handoffs.actions.receiverActions') : undefined}
    >
      {can('accept') ? (
        <Button
          leftSection={<IconCheck size={16} aria-hidden />}
          onClick={() => open('accept')}
          disabled={acceptBlocked !== null}
          aria-describedby={acceptBlocked ? 'accept-blocked' : undefined}
        >
          {t('handoffs.actions.accept')}
        </Button>
      ) : null}
      {can('return') ? (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          onClick={() => open('return')}
        >
          {t('handoffs.actions.return')}
        </Button>
      ) : null}
      {can('submit') ? (
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          disabled={submitBlocked !== null || command.isPending}
          loading={command.isPending && command.variables.kind === 'submit'}
          aria-describedby={submitBlocked ? 'submit-blocked' : undefined}
          onClick={() =>
            run({ kind: 'submit', version: handoff.version }, (h) =>
              t('handoffs.actions.submitted', { name: h.receiver.name }),
            )
          }
        >
          {handoff.round > 0 ? t('handoffs.actions.resubmit') : t('handoffs.actions.submit')}
        </Button>
      ) : null}
      {can('edit') ? (
        <Button
          variant="default"
          leftSection={<IconEdit size={16} aria-hidden />}
          onClick={() => open('edit')}
          disabled={!initiative.data}
        >
          {t('handoffs.actions.edit')}
        </Button>
      ) : null}
      {can('ask') ? (
        <Button
          variant="default"
          leftSection={<IconMessageQuestion size={16} aria-hidden />}
          onClick={() => open('ask')}
        >
          {t('handoffs.actions.ask')}
        </Button>
      ) : null}
      {can('withdraw') ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => open('withdraw')}
        >
          {t('handoffs.actions.withdraw')}
        </Button>
      ) : null}
    </Group>
  );

  return (
    <>
      <PageHeader
        title={handoff.title}
        back={{
          to: `/initiatives/${handoff.initiative.id}?tab=handoffs`,
          label: handoff.initiative.title,
        }}
      >
        <Group gap="xs">
          <HandoffStateBadge state={handoff.state} round={handoff.round} />
          <StageRoute handoff={handoff} />
          <AttentionBadges handoff={handoff} />
          {/* The dot sits a plain space from the badges, not the group gap plus a space. */}
          <Text size="sm" c="dimmed" ml={-6}>
            · {t('handoffs.due', { date: fmt.date(`${handoff.dueDate}T12:00:00Z`) })}
          </Text>
        </Group>
        <Text size="sm" fw={500}>
          {t(`handoffs.role.${handoff.myRole}`)}
        </Text>
      </PageHeader>

      <Stack gap="lg">
        <SenderReceiver handoff={handoff} />
        {handoff.actions.length ? (
          <Paper withBorder radius="md" p="sm">
            <Stack gap={6}>
              {buttons}
              {can('submit') && submitBlocked ? (
                <Text size="sm" c="dimmed" id="submit-blocked">
                  {submitBlocked}
                </Text>
              ) : null}
              {can('accept') && acceptBlocked ? (
                <Text size="sm" c="grape.8" id="accept-blocked">
                  {acceptBlocked}
                </Text>
              ) : null}
              {dialog === null ? <ActionError error={command.error} onReload={onReload} /> : null}
            </Stack>
          </Paper>
        ) : null}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              <Deliverables handoff={handoff} />
              {handoff.note ? (
                <section aria-labelledby="handoff-note">
                  <Title order={2} fz="h4" mb="xs" id="handoff-note">
                    {t('handoffs.note')}
                  </Title>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {handoff.note}
                  </Text>
                </section>
              ) : null}
              <Checklist handoff={handoff} editable={can('edit')} />
              <QuestionThread handoff={handoff} onReload={onReload} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <Paper withBorder radius="md" p="md">
                <Timings handoff={handoff} />
              </Paper>
              <Paper withBorder radius="md" p="md">
                <HandoffTimeline handoff={handoff} />
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      <ConfirmModal
        opened={dialog === 'accept'}
        onClose={close}
        title={t('handoffs.actions.acceptTitle')}
        text={
          <>
            {t('handoffs.actions.acceptText')}{' '}
            {toStage ? t('handoffs.actions.acceptStage', { stage: toStage }) : null}
          </>
        }
        confirmLabel={t('handoffs.actions.accept')}
        loading={command.isPending}
        error={command.error}
        onConfirm={() =>
          run({ kind: 'accept', version: handoff.version }, () =>
            toStage
              ? t('handoffs.actions.acceptedStage', { stage: toStage })
              : t('handoffs.actions.accepted'),
          )
        }
      />
      <ConfirmModal
        opened={dialog === 'withdraw'}
        onClose={close}
        title={t('handoffs.actions.withdrawTitle')}
        text={t('handoffs.actions.withdrawText')}
        confirmLabel={t('handoffs.actions.withdraw')}
        destructive
        loading={command.isPending}
        error={command.error}
        onConfirm={() =>
          run({ kind: 'withdraw', version: handoff.version }, () => t('handoffs.actions.withdrawn'))
        }
      />
      <ReturnDialog
        handoff={handoff}
        opened={dialog === 'return'}
        onClose={close}
        loading={command.isPending}
        error={command.error}
        onReload={onReload}
        onConfirm={(reason, failedItems) =>
          run({ kind: 'return', version: handoff.version, reason, failedItems }, () =>
            t('handoffs.actions.returned'),
          )
        }
      />
      <TextDialog
        opened={dialog === 'ask'}
        onClose={close}
        title={t('handoffs.actions.askTitle')}
        label={t('handoffs.actions.question')}
        hint={t('handoffs.actions.questionHint')}
        confirmLabel={t('handoffs.actions.ask')}
        loading={command.isPending}
        error={command.error}
        onReload={onReload}
        field="text"
        onConfirm={(text) =>
          run({ kind: 'ask', version: handoff.version, text }, () => t('handoffs.actions.asked'))
        }
      />
      {initiative.data ? (
        <HandoffFormModal
          opened={dialog === 'edit'}
          onClose={close}
          initiative={initiative.data}
          handoff={handoff}
          onSaved={close}
        />
      ) : null}
    </>
  );
}

export default function HandoffPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const handoff = useHandoffQuery(id);
  if (handoff.isPending)
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={32} width="50%" />
        <Skeleton height={120} />
        <Skeleton height={240} />
      </Stack>
    );
  if (handoff.isError)
    return (
      <>
        <PageHeader title={t('handoffs.loadError')} />
        <ProblemAlert error={handoff.error} onReload={() => void handoff.refetch()} />
      </>
    );
  return <HandoffView handoff={handoff.data} onReload={() => void handoff.refetch()} />;
}
