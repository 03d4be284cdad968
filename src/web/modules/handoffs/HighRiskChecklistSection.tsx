import {
  ActionIcon,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { handoffFieldErrors } from './handoff-problems.js';
import {
  useHighRiskChecklistQuery,
  useUpdateHighRiskChecklistMutation,
} from './handoffs.queries.js';

interface Item {
  id?: string;
  labelDe: string;
  labelEn: string;
}

/** Admin: the extra checklist items high-risk initiatives get on every stage handoff. */
export function HighRiskChecklistSection() {
  const { t } = useTranslation();
  const query = useHighRiskChecklistQuery();
  const save = useUpdateHighRiskChecklistMutation();
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    if (query.data && items === null) setItems(query.data.items.map((i) => ({ ...i })));
  }, [query.data, items]);
  const errors = handoffFieldErrors(save.error, t);
  const set = (index: number, patch: Partial<Item>) =>
    setItems((list) => (list ?? []).map((x, i) => (i === index ? { ...x, ...patch } : x)));

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="high-risk-title"
      mt="xl"
    >
      <Title order={2} fz="h4" id="high-risk-title">
        {t('handoffs.highRisk.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('handoffs.highRisk.hint')}
        {query.data && query.data.updatedAt === null ? ` ${t('handoffs.highRisk.defaults')}` : ''}
      </Text>
      {items === null ? (
        query.isError ? (
          <ProblemAlert error={query.error} onReload={() => void query.refetch()} />
        ) : (
          <SkeletonRows rows={3} />
        )
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { items },
              {
                onSuccess: (saved) => {
                  setItems(saved.items.map((i) => ({ ...i })));
                  notifications.show({ message: t('handoffs.highRisk.saved'), color: 'blue' });
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('handoffs.highRisk.noItems')}
              </Text>
            ) : null}
            {items.map((item, i) => (
              // German and English side by side; on a phone one under the other, each whole.
              <Group key={item.id ?? `new-${i}`} align="flex-end" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: 1 }}>
                  <TextInput
                    label={t('handoffs.highRisk.itemDe', { n: i + 1 })}
                    value={item.labelDe}
                    required
                    error={errors[`items.${i}.labelDe`]}
                    onChange={(e) => set(i, { labelDe: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('handoffs.highRisk.itemEn', { n: i + 1 })}
                    value={item.labelEn}
                    required
                    error={errors[`items.${i}.labelEn`]}
                    onChange={(e) => set(i, { labelEn: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  mb={2}
                  aria-label={t('handoffs.highRisk.removeItem', { n: i + 1 })}
                  onClick={() => setItems(items.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <ProblemAlert error={Object.keys(errors).length ? null : save.error} />
            <Group justify="space-between">
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setItems([...items, { labelDe: '', labelEn: '' }])}
              >
                {t('handoffs.highRisk.addItem')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('handoffs.highRisk.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
