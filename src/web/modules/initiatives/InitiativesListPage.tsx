import { Box, Button, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconBulb, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEndOfHydration } from '../../lib/hydration.js';
import { usePhone } from '../../lib/phone.js';
import { Link } from 'react-router';
import { EmptyState, FilteredEmptyState, ListTablePaper } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useStagesQuery } from '../../queries/stages.js';
import { useMe } from '../../queries/session.js';
import { useDepartmentsQuery, usePeopleQuery } from '../../queries/people.js';
import { InitiativeCards } from './InitiativeCards.js';
import { InitiativeFilters } from './InitiativeFilters.js';
import { InitiativesTable } from './InitiativesTable.js';
import { useInitiativesQuery } from './initiatives.queries.js';
import { stageFilterId, useInitiativeFilters } from './useInitiativeFilters.js';

function TableSkeleton() {
  return (
    <Paper withBorder radius="md" p="md" aria-busy="true">
      <Stack gap="sm">
        <Skeleton height={20} width="40%" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={36} />
        ))}
      </Stack>
    </Paper>
  );
}

export default function InitiativesListPage() {
  useEndOfHydration();
  const { t } = useTranslation();
  const me = useMe();
  const { filters, sort, setSort, clear, activeCount } = useInitiativeFilters();
  const stages = useStagesQuery();
  // The URL names the stage by its key; the API filters by id, known once the stages are.
  const stage = stageFilterId(filters.stage, stages.data ?? (stages.isError ? [] : undefined));
  const list = useInitiativesQuery(
    { ...filters, stage },
    { enabled: filters.stage === undefined || stage !== undefined },
  );
  const people = usePeopleQuery();
  const departments = useDepartmentsQuery();
  const canCreate = me.role !== 'viewer';
  const mine = filters.mine === 'true';
  // On a phone a table would scroll sideways and cut names: cards instead.
  const phone = usePhone();

  const newButton = canCreate ? (
    <Button component={Link} to="/initiatives/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('initiatives.new')}
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (list.isPending) body = <TableSkeleton />;
  else if (list.isError)
    body = (
      <ProblemAlert
        error={list.error}
        title={t('initiatives.loadError')}
        onReload={() => void list.refetch()}
      />
    );
  else if (list.data.length === 0 && activeCount === 0)
    body = (
      <EmptyState
        icon={<IconBulb aria-hidden />}
        title={t('initiatives.empty.title')}
        text={t('initiatives.empty.text')}
        action={newButton}
      />
    );
  else if (list.data.length === 0)
    body = (
      <FilteredEmptyState
        title={t('initiatives.empty.filteredTitle')}
        text={t('initiatives.empty.filteredText')}
        clearLabel={t('initiatives.filters.clear')}
        onClear={clear}
      />
    );
  else if (phone)
    body = (
      <Box opacity={list.isPlaceholderData ? 0.6 : 1}>
        <InitiativeCards rows={list.data} sort={sort} onSort={setSort} />
      </Box>
    );
  else
    body = (
      <ListTablePaper stale={list.isPlaceholderData}>
        <InitiativesTable rows={list.data} sort={sort} onSort={setSort} />
      </ListTablePaper>
    );

  return (
    <>
      <PageHeader
        title={mine ? t('initiatives.mineTitle') : t('initiatives.title')}
        actions={newButton}
      >
        {list.data ? (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('initiatives.count', { count: list.data.length })}
          </Text>
        ) : null}
      </PageHeader>
      <InitiativeFilters
        departments={departments.data ?? []}
        stages={stages.data ?? []}
        people={people.data ?? []}
      />
      {body}
    </>
  );
}
