import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandoffSummary } from '../../../contracts/handoffs.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PersonChip } from '../../components/PersonChip.js';
import { QueryState } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { AttentionBadges, HandoffStateBadge, StageRoute } from './HandoffBits.js';
import { useHandoffsAttentionQuery } from './handoffs.queries.js';

function HandoffTable({
  id,
  title,
  empty,
  list,
}: {
  id: string;
  title: string;
  empty: string;
  list: HandoffSummary[];
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby={id}>
      <Title order={2} fz="h4" mb="sm" id={id}>
        {title}
      </Title>
      {list.length === 0 ? (
        <Paper withBorder radius="md" p="sm">
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820} className="stack-on-phone">
            <Table verticalSpacing="sm" aria-labelledby={id}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('handoffs.attention.handoff')}</Table.Th>
                  <Table.Th>{t('handoffs.attention.initiative')}</Table.Th>
                  <Table.Th>{t('handoffs.attention.from')}</Table.Th>
                  <Table.Th>{t('handoffs.attention.to')}</Table.Th>
                  <Table.Th>{t('handoffs.attention.due')}</Table.Th>
                  <Table.Th>{t('handoffs.attention.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/handoffs/${h.id}`} fw={500} size="sm">
                          {h.title}
                        </Anchor>
                        <StageRoute handoff={h} />
                      </Stack>
                    </Table.Td>
                    <Table.Td data-label={t('handoffs.attention.initiative')}>
                      <Anchor component={Link} to={`/initiatives/${h.initiative.id}`} size="sm">
                        {h.initiative.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {h.initiative.department}
                      </Text>
                    </Table.Td>
                    <Table.Td data-label={t('handoffs.attention.from')}>
                      <PersonChip person={h.sender} />
                    </Table.Td>
                    <Table.Td data-label={t('handoffs.attention.to')}>
                      <PersonChip person={h.receiver} />
                    </Table.Td>
                    <Table.Td data-label={t('handoffs.attention.due')}>
                      <Text size="sm">{fmt.date(`${h.dueDate}T12:00:00Z`)}</Text>
                    </Table.Td>
                    <Table.Td data-label={t('handoffs.attention.state')}>
                      <Stack gap={4} align="flex-start">
                        <HandoffStateBadge state={h.state} round={h.round} />
                        <AttentionBadges handoff={h} />
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}

/** Across the portfolio: overdue handoffs and handoffs returned more than once. */
export default function AttentionPage() {
  const { t } = useTranslation();
  const attention = useHandoffsAttentionQuery();
  return (
    <>
      <PageHeader
        title={t('handoffs.attention.title')}
        description={t('handoffs.attention.description')}
      />
      <QueryState query={attention} rows={4}>
        {(data) => (
          <Stack gap="xl">
            <HandoffTable
              id="attention-overdue"
              title={t('handoffs.attention.overdue')}
              empty={t('handoffs.attention.overdueEmpty')}
              list={data.overdue}
            />
            <HandoffTable
              id="attention-reworked"
              title={t('handoffs.attention.reworked')}
              empty={t('handoffs.attention.reworkedEmpty')}
              list={data.reworked}
            />
          </Stack>
        )}
      </QueryState>
    </>
  );
}
