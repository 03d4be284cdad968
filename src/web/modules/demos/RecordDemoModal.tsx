import {
  ActionIcon,
  Button,
  Chip,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import type { PersonRef, Side } from '../../../contracts/common.js';
import type { FeedbackKind, Occurrence } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat, formatDay } from '../../i18n/format.js';
import { useInitiativeGoalsQuery } from '../goals/goals.queries.js';
import { useRecordDemoMutation } from './demos.queries.js';
import { SIDES } from '../../../domain/sides.js';

const KINDS: FeedbackKind[] = ['praise', 'concern', 'idea', 'defect'];

/** A link the server will take: http(s) with a host. Empty rows are left out. */
export const isLink = (url: string): boolean => {
  try {
    const u = new URL(url.trim());
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
};

/**
 * Recording a held demo on one screen (made for a tablet in the meeting room): attendance
 * chips by side, a 1–5 confidence control per attendee, what was shown, feedback.
 */
/** The heading of an editable list in the form, with its "add" button on the right. */
function ListHeading({
  title,
  addLabel,
  onAdd,
}: {
  title: string;
  addLabel: string;
  onAdd: () => void;
}) {
  return (
    <Group justify="space-between">
      <Title order={3} fz="h5">
        {title}
      </Title>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={onAdd}
      >
        {addLabel}
      </Button>
    </Group>
  );
}

/** Removes one entry of an editable list. */
function RemoveButton({ label, onClick, mt }: { label: string; onClick: () => void; mt?: number }) {
  return (
    <ActionIcon variant="subtle" color="gray" mt={mt} aria-label={label} onClick={onClick}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

export function RecordDemoModal({
  initiative,
  occurrence,
  opened,
  onClose,
  onRecorded,
}: {
  initiative: Initiative;
  occurrence: Occurrence;
  opened: boolean;
  onClose: () => void;
  onRecorded: (id: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const record = useRecordDemoMutation(initiative.id);
  const goals = useInitiativeGoalsQuery(initiative.id);
  const people: PersonRef[] = initiative.members.map((m) => m.person);
  const [present, setPresent] = useState<string[]>(people.map((p) => p.id));
  const [votes, setVotes] = useState<Record<string, string>>({});
  const [presenterId, setPresenterId] = useState<string | null>(initiative.itOwner.id);
  const [notes, setNotes] = useState('');
  const [goalIds, setGoalIds] = useState<string[]>([]);
  const [feedback, setFeedback] = useState<{ kind: FeedbackKind; text: string }[]>([]);
  const [links, setLinks] = useState<{ url: string; title: string; touched: boolean }[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const filledLinks = links
    .map((l, i) => ({ url: l.url.trim(), title: l.title.trim(), row: i }))
    .filter((l) => l.url !== '');
  const badLink = filledLinks.some((l) => !isLink(l.url));
  /** Server paths count only the rows sent, so map them back to the rows on screen. */
  const linkError = (row: number): string | undefined => {
    const l = links[row];
    if (!l) return undefined;
    if (l.url.trim() !== '' && !isLink(l.url) && (submitted || l.touched))
      return t('demos.record.linkInvalid');
    const sent = filledLinks.findIndex((x) => x.row === row);
    return sent >= 0 && isApiError(record.error)
      ? record.error.fieldErrors[`links.${sent}.url`]
      : undefined;
  };

  const bySide = (side: Side) => people.filter((p) => p.side === side);
  const attendees = people.filter((p) => present.includes(p.id));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={t('demos.record.title', {
        date: `${formatDay(fmt, occurrence.localDate)}, ${occurrence.localTime}`,
      })}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (!presenterId || badLink) return;
          record.mutate(
            {
              id: occurrence.id,
              body: {
                version: occurrence.version,
                presenterId,
                attendees: attendees.map((p) => ({
                  userId: p.id,
                  confidence: votes[p.id] && votes[p.id] !== '-' ? Number(votes[p.id]) : null,
                })),
                notes,
                links: filledLinks.map(({ url, title }) => ({ url, title })),
                goalIds,
                feedback: feedback.filter((f) => f.text.trim() !== ''),
              },
            },
            { onSuccess: (demo) => onRecorded(demo.id) },
          );
        }}
      >
        <Stack gap="md">
          <PersonSelect
            label={t('demos.record.presenter')}
            people={people}
            value={presenterId}
            onChange={setPresenterId}
            required
          />
          <div>
            <Title order={3} fz="h5" mb={4}>
              {t('demos.record.attendance')}
            </Title>
            <Chip.Group multiple value={present} onChange={setPresent}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {SIDES.map((side) => (
                  <Stack key={side} gap={6}>
                    <Text size="sm" fw={500}>
                      {t(`side.${side}`)}
                    </Text>
                    <Group gap={6}>
                      {bySide(side).map((p) => (
                        <Chip key={p.id} value={p.id} color={SIDE_COLOR[side]}>
                          {p.name}
                        </Chip>
                      ))}
                    </Group>
                  </Stack>
                ))}
              </SimpleGrid>
            </Chip.Group>
          </div>
          {attendees.length ? (
            <div>
              <Title order={3} fz="h5">
                {t('demos.record.confidence')}
              </Title>
              <Text size="xs" c="dimmed" mb={6}>
                {t('demos.record.confidenceHint')}
              </Text>
              <Stack gap={6}>
                {attendees.map((p) => (
                  <Group key={p.id} justify="space-between" wrap="wrap" gap="xs">
                    <Group gap="xs" wrap="nowrap">
                      <PersonAvatar person={p} size={24} />
                      <Text size="sm" id={`vote-${p.id}`}>
                        {p.name}
                      </Text>
                    </Group>
                    {/* Touch targets of 44 px: demos are recorded on a tablet in the room. */}
                    <SegmentedControl
                      aria-labelledby={`vote-${p.id}`}
                      size="md"
                      data={['-', '1', '2', '3', '4', '5']}
                      value={votes[p.id] ?? '-'}
                      onChange={(v) => setVotes((all) => ({ ...all, [p.id]: v }))}
                      data-testid="vote-control"
                      styles={{
                        control: { minWidth: 44 },
                        label: {
                          minHeight: 44,
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                        },
                      }}
                    />
                  </Group>
                ))}
              </Stack>
            </div>
          ) : null}
          <Textarea
            label={t('demos.record.notes')}
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <div>
            <ListHeading
              title={t('demos.record.links')}
              addLabel={t('demos.record.addLink')}
              onAdd={() => setLinks((all) => [...all, { url: '', title: '', touched: false }])}
            />
            <Text size="xs" c="dimmed">
              {t('demos.record.linksHint')}
            </Text>
            <Stack gap={6} mt={6}>
              {links.map((l, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start" data-testid="demo-link">
                  <TextInput
                    aria-label={t('demos.record.linkUrl')}
                    placeholder="https://…"
                    type="url"
                    leftSection={<IconLink size={14} aria-hidden />}
                    style={{ flex: 2 }}
                    value={l.url}
                    error={linkError(i)}
                    onBlur={() =>
                      setLinks((all) => all.map((x, k) => (k === i ? { ...x, touched: true } : x)))
                    }
                    onChange={(e) => {
                      const url = e.currentTarget.value;
                      setLinks((all) => all.map((x, k) => (k === i ? { ...x, url } : x)));
                    }}
                  />
                  <TextInput
                    aria-label={t('demos.record.linkTitle')}
                    placeholder={t('demos.record.linkTitle')}
                    style={{ flex: 1 }}
                    maxLength={200}
                    value={l.title}
                    onChange={(e) => {
                      const title = e.currentTarget.value;
                      setLinks((all) => all.map((x, k) => (k === i ? { ...x, title } : x)));
                    }}
                  />
                  <RemoveButton
                    mt={6}
                    label={t('demos.record.removeLink')}
                    onClick={() => setLinks((all) => all.filter((_x, k) => k !== i))}
                  />
                </Group>
              ))}
            </Stack>
          </div>
          <MultiSelect
            label={t('demos.record.goals')}
            data={(goals.data ?? []).map((g) => ({ value: g.id, label: g.statement }))}
            value={goalIds}
            onChange={setGoalIds}
            clearable
          />
          <div>
            <ListHeading
              title={t('demos.feedback.title')}
              addLabel={t('demos.feedback.add')}
              onAdd={() => setFeedback((f) => [...f, { kind: 'idea', text: '' }])}
            />
            <Stack gap={6} mt={6}>
              {feedback.map((f, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                  <Select
                    aria-label={t('demos.feedback.kind')}
                    w={140}
                    data={KINDS.map((value) => ({ value, label: t(`demos.kind.${value}`) }))}
                    value={f.kind}
                    allowDeselect={false}
                    onChange={(v) =>
                      setFeedback((all) =>
                        all.map((x, k) =>
                          k === i ? { ...x, kind: (v as FeedbackKind) ?? 'idea' } : x,
                        ),
                      )
                    }
                  />
                  <TextInput
                    aria-label={t('demos.feedback.text')}
                    placeholder={t('demos.feedback.text')}
                    style={{ flex: 1 }}
                    value={f.text}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setFeedback((all) => all.map((x, k) => (k === i ? { ...x, text } : x)));
                    }}
                  />
                  <RemoveButton
                    label={t('demos.feedback.remove')}
                    onClick={() => setFeedback((all) => all.filter((_x, k) => k !== i))}
                  />
                </Group>
              ))}
            </Stack>
          </div>
          {record.error ? <ProblemAlert error={record.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={record.isPending}
              disabled={!presenterId || !attendees.length}
            >
              {t('demos.record.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
