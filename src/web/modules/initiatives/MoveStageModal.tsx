import { Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import { isApiError } from '../../api/client.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SideBadge } from '../../components/SideBadge.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { useMoveStageMutation } from './initiatives.queries.js';

interface MoveStageModalProps {
  initiative: Initiative;
  stages: Stage[];
  opened: boolean;
  onClose: () => void;
  onReload: () => void;
}

/** Choose the target stage and confirm every item of its checklist. */
export function MoveStageModal({ opened, onClose, ...props }: MoveStageModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('move.title')} size="lg" centered>
      {/* Mounted per opening, so every opening starts with a fresh checklist. */}
      {opened ? <MoveStageForm onClose={onClose} {...props} /> : null}
    </Modal>
  );
}

function MoveStageForm({
  initiative,
  stages,
  onClose,
  onReload,
}: Omit<MoveStageModalProps, 'opened'>) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const move = useMoveStageMutation(initiative.id);
  const currentIndex = stages.findIndex((s) => s.id === initiative.stage.id);
  const defaultTarget = stages[currentIndex + 1]?.id ?? null;
  const [targetId, setTargetId] = useState<string | null>(defaultTarget);
  const [checked, setChecked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [showMissing, setShowMissing] = useState(false);

  const target = stages.find((s) => s.id === targetId);
  const items = target?.checklist ?? [];
  const allChecked = items.every((i) => checked.includes(i.id));
  const name = target ? stageName(target, language) : '';

  const submit = () => {
    if (!target) return;
    if (!allChecked) {
      setShowMissing(true);
      return;
    }
    move.mutate(
      {
        version: initiative.version,
        stageId: target.id,
        checklist: checked.filter((id) => items.some((i) => i.id === id)),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ message: t('move.moved', { stage: name }), color: 'blue' });
          onClose();
        },
      },
    );
  };

  const conflict = isApiError(move.error) && move.error.isVersionConflict;

  return (
    <Stack gap="md">
      <Select
        label={t('move.target')}
        data={stages
          .filter((s) => s.id !== initiative.stage.id)
          .map((s) => ({ value: s.id, label: `${s.position + 1}. ${stageName(s, language)}` }))}
        value={targetId}
        onChange={(v) => {
          setTargetId(v);
          setChecked([]);
          setShowMissing(false);
        }}
        allowDeselect={false}
        required
      />
      {target ? (
        <>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('move.ownedBy')}
            </Text>
            <SideBadge side={target.owningSide} />
          </Group>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('move.noChecklist')}
            </Text>
          ) : (
            <Checkbox.Group
              label={t('move.checklist', { stage: name })}
              description={t('move.checklistHint')}
              value={checked}
              onChange={(v) => {
                setChecked(v);
                setShowMissing(false);
              }}
              error={showMissing && !allChecked ? t('move.confirmAll') : undefined}
              required
            >
              <Stack gap="xs" mt="sm">
                {items.map((item) => (
                  <Checkbox
                    key={item.id}
                    value={item.id}
                    label={language === 'de' ? item.labelDe : item.labelEn}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Textarea
            label={t('move.note')}
            placeholder={t('move.notePlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        </>
      ) : null}
      {conflict ? (
        <ProblemAlert
          error={move.error}
          onReload={() => {
            onReload();
            onClose();
          }}
        />
      ) : move.error ? (
        <ProblemAlert error={move.error} />
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={move.isPending} disabled={!target}>
          {target ? t('move.submit', { stage: name }) : t('move.title')}
        </Button>
      </Group>
    </Stack>
  );
}
