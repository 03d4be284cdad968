import {
  Button,
  Collapse,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from '../../lib/phone.js';
import type { Stage } from '../../../contracts/stages.js';
import type { Person } from '../../../contracts/users.js';
import { RISK_CLASSES } from '../../../domain/risk.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { STATUSES, useInitiativeFilters } from './useInitiativeFilters.js';
import { FilterToggle } from '../../components/FilterToggle.js';

interface InitiativeFiltersProps {
  departments: string[];
  stages: Stage[];
  people: Person[];
}

/**
 * Filter bar; every value is kept in the URL (see useInitiativeFilters). On a phone the five
 * lists would fill the first screen: they fold behind a "Filter" button that counts the
 * active ones, and the search stays in view.
 */
export function InitiativeFilters({ departments, stages, people }: InitiativeFiltersProps) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const { filters, setFilter, clear, activeCount } = useInitiativeFilters();
  const phone = usePhone();
  const [unfolded, panel] = useDisclosure(false);
  const listed = activeCount - (filters.q === undefined ? 0 : 1);

  // Typing stays local and reaches the URL after a short pause.
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => {
    const fromUrl = filters.q ?? '';
    setQ((local) => (local.trim() === fromUrl ? local : fromUrl));
  }, [filters.q]);
  const pushQ = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);

  const any = t('initiatives.filters.any');
  const departmentOptions = [
    ...new Set([...departments, ...(filters.department ? [filters.department] : [])]),
  ];

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      mb="md"
      component="section"
      aria-label={t('initiatives.filters.label')}
    >
      <Stack gap="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            label={t('initiatives.filters.search')}
            placeholder={t('initiatives.filters.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              pushQ(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                pushQ.cancel();
                setFilter('q', q.trim());
              }
            }}
            style={{ flex: '1 1 200px' }}
            maw={520}
          />
          {phone ? (
            <FilterToggle
              opened={unfolded}
              count={listed}
              controls="initiative-filter-lists"
              label={t('initiatives.filters.toggle')}
              activeLabel={t('initiatives.filters.toggleActive', { count: listed })}
              onClick={panel.toggle}
            />
          ) : null}
          {activeCount > 0 ? (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => {
                setQ('');
                clear();
              }}
            >
              {t('initiatives.filters.clear')}
            </Button>
          ) : null}
        </Group>
        <Collapse expanded={!phone || unfolded} id="initiative-filter-lists">
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, lg: 5 }} spacing="sm">
            <Select
              label={t('initiatives.filters.department')}
              placeholder={any}
              data={departmentOptions}
              value={filters.department ?? null}
              onChange={(v) => setFilter('department', v)}
              clearable
              searchable
            />
            <Select
              label={t('initiatives.filters.stage')}
              placeholder={any}
              data={stages.map((s) => ({ value: s.key, label: stageName(s, language) }))}
              // Links from before stage keys carry the stage's id.
              value={stages.find((s) => s.id === filters.stage)?.key ?? filters.stage ?? null}
              onChange={(v) => setFilter('stage', v)}
              clearable
            />
            <PersonSelect
              label={t('initiatives.filters.owner')}
              placeholder={any}
              people={people.filter((p) => p.role !== 'viewer')}
              value={filters.owner ?? null}
              onChange={(v) => setFilter('owner', v)}
              clearable
            />
            <Select
              label={t('initiatives.filters.status')}
              placeholder={any}
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={filters.status ?? null}
              onChange={(v) => setFilter('status', v)}
              clearable
            />
            <Select
              label={t('initiatives.filters.riskClass')}
              placeholder={any}
              data={RISK_CLASSES.map((r) => ({ value: r, label: t(`risk.class.${r}`) }))}
              value={filters.riskClass ?? null}
              onChange={(v) => setFilter('riskClass', v)}
              clearable
            />
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Paper>
  );
}
