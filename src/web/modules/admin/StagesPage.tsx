import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../contracts/stages.js';
import { problemMessage } from '../../api/problems.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { SideBadge } from '../../components/SideBadge.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { HighRiskChecklistSection } from '../handoffs/HighRiskChecklistSection.js';
import { StageFormModal } from './StageFormModal.js';
import { useDeleteStageMutation, useReorderStagesMutation } from './stages.queries.js';
import { useStagesQuery } from '../../queries/stages.js';

/** Moves a stage one place up or down; `data-move` lets the focus follow the stage. */
function MoveButton({
  stageId,
  direction,
  label,
  disabled,
  onClick,
}: {
  stageId: string;
  direction: 'up' | 'down';
  label: string;
  disabled: boolean;
  onClick: () => void;
}) {
  const Icon = direction === 'up' ? IconArrowUp : IconArrowDown;
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="sm"
        data-move={`${stageId}-${direction}`}
        aria-label={label}
        disabled={disabled}
        onClick={onClick}
      >
        <Icon size={16} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

export default function StagesPage() {
  const { t } = useTranslation();
  const { language } = useFormat();
  const stages = useStagesQuery();
  const reorder = useReorderStagesMutation();
  const remove = useDeleteStageMutation();
  const [editing, setEditing] = useState<Stage | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Stage | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a move, keep keyboard focus on the moved stage's arrow.
  const refocus = useRef<{ id: string; dir: 'up' | 'down' } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const list = stages.data ?? [];

  useEffect(() => {
    const target = refocus.current;
    if (!target || !listRef.current) return;
    refocus.current = null;
    const button = (dir: string) =>
      listRef.current?.querySelector<HTMLButtonElement>(`[data-move="${target.id}-${dir}"]`);
    const preferred = button(target.dir);
    (preferred && !preferred.disabled
      ? preferred
      : button(target.dir === 'up' ? 'down' : 'up')
    )?.focus();
  }, [stages.data]);

  const move = (index: number, dir: 'up' | 'down') => {
    const to = dir === 'up' ? index - 1 : index + 1;
    const stage = list[index];
    if (!stage || to < 0 || to >= list.length) return;
    const ids = list.map((s) => s.id);
    ids.splice(index, 1);
    ids.splice(to, 0, stage.id);
    refocus.current = { id: stage.id, dir };
    reorder.mutate(ids, {
      onSuccess: () =>
        setAnnouncement(
          `${stageName(stage, language)}: ${t('admin.stages.position', { n: to + 1 })}`,
        ),
      onError: (e) => notifications.show({ color: 'red', message: problemMessage(e, t) }),
    });
  };

  return (
    <>
      <PageHeader
        title={t('admin.stages.title')}
        description={t('admin.stages.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
            {t('admin.stages.add')}
          </Button>
        }
      />
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <QueryState query={stages} rows={6} height={64}>
        {() => (
          <ol
            ref={listRef}
            style={{
              listStyle: 'none',
              padding: 0,
              margin: 0,
              display: 'flex',
              flexDirection: 'column',
              gap: 'var(--mantine-spacing-xs)',
            }}
          >
            {list.map((stage, index) => {
              const name = stageName(stage, language);
              const other = language === 'de' ? stage.nameEn : stage.nameDe;
              return (
                <Paper
                  component="li"
                  key={stage.id}
                  withBorder
                  radius="md"
                  p="sm"
                  style={{
                    borderLeft: `4px solid var(--mantine-color-${SIDE_COLOR[stage.owningSide]}-6)`,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
                      <Stack gap={2}>
                        <MoveButton
                          stageId={stage.id}
                          direction="up"
                          label={t('admin.stages.moveUp', { name })}
                          disabled={index === 0}
                          onClick={() => move(index, 'up')}
                        />
                        <MoveButton
                          stageId={stage.id}
                          direction="down"
                          label={t('admin.stages.moveDown', { name })}
                          disabled={index === list.length - 1}
                          onClick={() => move(index, 'down')}
                        />
                      </Stack>
                      <Text fw={700} c="dimmed" w={24} ta="right" aria-hidden>
                        {index + 1}
                      </Text>
                      <div style={{ minWidth: 0 }}>
                        <Group gap="xs">
                          <Text fw={600}>{name}</Text>
                          <Text size="sm" c="dimmed" lang={language === 'de' ? 'en' : 'de'}>
                            {other}
                          </Text>
                        </Group>
                        <Group gap="xs" mt={4}>
                          <SideBadge side={stage.owningSide} size="sm" />
                          <Badge size="sm" variant="default" radius="sm" tt="none" fw={500}>
                            {t('admin.stages.items', { count: stage.checklist.length })}
                          </Badge>
                          <Badge size="sm" variant="default" radius="sm" tt="none" fw={500}>
                            {t('admin.stages.initiatives', { count: stage.initiativeCount })}
                          </Badge>
                        </Group>
                      </div>
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={t('admin.stages.editLabel', { name })}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('admin.stages.editLabel', { name })}
                          onClick={() => setEditing(stage)}
                        >
                          <IconEdit size={18} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('admin.stages.deleteLabel', { name })}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('admin.stages.deleteLabel', { name })}
                          onClick={() => {
                            remove.reset();
                            setDeleting(stage);
                          }}
                        >
                          <IconTrash size={18} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Group>
                </Paper>
              );
            })}
          </ol>
        )}
      </QueryState>

      <HighRiskChecklistSection />

      <StageFormModal
        stage={editing ?? null}
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          notifications.show({ color: 'blue', message: t('admin.stages.saved') });
        }}
      />
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('admin.stages.deleteTitle', {
          name: deleting ? stageName(deleting, language) : '',
        })}
        text={t('admin.stages.deleteText')}
        confirmLabel={t('common.delete')}
        destructive
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'blue', message: t('admin.stages.deleted') });
            },
          })
        }
      />
    </>
  );
}
