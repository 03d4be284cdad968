import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconCircleCheck,
  IconClipboardCheck,
  IconArrowsExchange,
  IconMessageQuestion,
  IconChartLine,
  IconSignature,
  IconWriting,
  IconPresentation,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PILLARS } from '../../../domain/health/types.js';
import { Link } from 'react-router';
import {
  DESK_SECTIONS,
  type Desk,
  type DeskDemo,
  type DeskInitiative,
  type DeskItem,
  type DeskSection,
} from '../../../contracts/desk.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { useDeskQuery } from './desk.queries.js';

const SECTION_ICONS: Record<DeskSection, React.ReactNode> = {
  signatures: <IconSignature size={18} aria-hidden />,
  handoffs: <IconArrowsExchange size={18} aria-hidden />,
  questions: <IconMessageQuestion size={18} aria-hidden />,
  actionItems: <IconClipboardCheck size={18} aria-hidden />,
  staleMetrics: <IconChartLine size={18} aria-hidden />,
  updates: <IconWriting size={18} aria-hidden />,
};

const AMPEL_COLORS = { green: 'green', amber: 'yellow', red: 'red', none: 'gray' } as const;

/** One thing that waits for me, as a sentence that links to where it is done. */
function ItemCard({ item }: { item: DeskItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const side = item.sides.map((s) => t(`side.${s}`)).join(' + ');
  const sentence = t(`desk.item.${item.kind}`, {
    subject: item.subject,
    side,
    days: item.periodDays ?? 0,
    // A weekly update's subject is its ISO week (2026-W49): said as on its card, "KW 49".
    week: Number(/^\d{4}-W(\d{2})$/.exec(item.subject)?.[1] ?? 0),
  });
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={sentence}>
      <Stack gap={4}>
        <Anchor component={Link} to={item.link} fw={600} style={{ overflowWrap: 'anywhere' }}>
          {sentence}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/initiatives/${item.initiative.id}`} size="xs">
            {item.initiative.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {item.kind === 'metric_stale'
              ? t('desk.lastDataSince', { when: f.relative(item.since) })
              : t('desk.waitingSince', { when: f.date(item.since) })}
          </Text>
          {item.dueDate && item.kind !== 'metric_stale' ? (
            <Text size="xs" c="dimmed">
              {t('desk.due', { date: f.date(item.dueDate) })}
            </Text>
          ) : null}
          {item.overdue && item.kind !== 'metric_stale' && item.kind !== 'weekly_update' ? (
            <Badge size="xs" color="red" variant="light">
              {t('desk.overdue')}
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function Section({ section, items }: { section: DeskSection; items: DeskItem[] }) {
  const { t } = useTranslation();
  const id = `desk-${section}`;
  return (
    <section aria-labelledby={id}>
      <Group gap="xs" mb="xs" wrap="nowrap">
        {SECTION_ICONS[section]}
        <Title order={2} fz="h4" id={id}>
          {t(`desk.section.${section}`)}
        </Title>
        <Badge variant="light" color="blue" circle aria-label={String(items.length)}>
          {items.length}
        </Badge>
      </Group>
      <Stack gap="xs">
        {items.map((item) => (
          <ItemCard key={item.key} item={item} />
        ))}
      </Stack>
    </section>
  );
}

function Demos({ demos }: { demos: DeskDemo[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="desk-demos">
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconPresentation size={18} aria-hidden />
        <Title order={2} fz="h4" id="desk-demos">
          {t('desk.demos')}
        </Title>
        <Badge variant="light" color={demos.length ? 'blue' : 'gray'} circle>
          {demos.length}
        </Badge>
      </Group>
      {demos.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('desk.noDemos')}
        </Text>
      ) : (
        <Stack gap="xs">
          {demos.map((d) => (
            <Paper key={d.occurrenceId} withBorder radius="md" p="sm">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Anchor component={Link} to={d.link} fw={600}>
                  {f.dateTime(d.startsAt)}
                </Anchor>
                {d.presenting ? (
                  <Badge variant="light" color="blue" size="sm">
                    {t('desk.presenting')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm">{d.initiative.title}</Text>
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}

function HealthLine({ health }: { health: NonNullable<DeskInitiative['health']> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'de' ? 'de' : 'en';
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        <Badge color={AMPEL_COLORS[health.ampel]} variant="filled" size="sm">
          {t('desk.health')}: {t(`desk.ampel.${health.ampel}`)}
        </Badge>
        {PILLARS.map((p) => {
          const label = t('desk.healthOf', {
            pillar: t(`desk.pillar.${p}`),
            ampel: t(`desk.ampel.${health.pillars[p]}`),
          });
          return (
            <Tooltip key={p} label={label} withinPortal>
              <Badge
                color={AMPEL_COLORS[health.pillars[p]]}
                variant="light"
                size="sm"
                aria-label={label}
              >
                {t(`desk.pillar.${p}`)}
              </Badge>
            </Tooltip>
          );
        })}
      </Group>
      <Anchor component={Link} to={health.href} size="xs" c="dimmed">
        {health.reason[lang]}
      </Anchor>
    </Stack>
  );
}

function Initiatives({ initiatives }: { initiatives: DeskInitiative[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="desk-initiatives">
      <Group gap="xs" mb="xs" justify="space-between" wrap="wrap">
        <Title order={2} fz="h4" id="desk-initiatives">
          {t('desk.initiatives')}
        </Title>
        <Anchor component={Link} to="/initiatives?mine=true" size="sm">
          {t('desk.myInitiativesLink')}
        </Anchor>
      </Group>
      {initiatives.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('desk.noInitiatives')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm">
          {initiatives.map((d) => (
            <Paper
              key={d.initiative.id}
              withBorder
              radius="md"
              p="sm"
              component="article"
              aria-label={d.initiative.title}
            >
              <Stack gap={6}>
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Anchor component={Link} to={d.link} fw={600}>
                    {d.initiative.title}
                  </Anchor>
                  {d.waiting > 0 ? (
                    <Badge variant="light" color="blue" size="sm">
                      {t('desk.waitingHere', { count: d.waiting })}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {stageName(d.initiative.stage, f.language)} · {t(`desk.role.${d.role}`)} ·{' '}
                  {d.initiative.department}
                </Text>
                {d.health ? <HealthLine health={d.health} /> : null}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}

function DeskBody({ desk }: { desk: Desk }) {
  const { t } = useTranslation();
  const sections = DESK_SECTIONS.filter((s) => desk.waiting[s].length > 0);
  return (
    <Stack gap="xl">
      {desk.total === 0 ? (
        <EmptyState
          icon={<IconCircleCheck aria-hidden />}
          title={t('desk.allDoneTitle')}
          text={t('desk.allDoneText')}
          action={
            <Button component={Link} to="/initiatives?mine=true" variant="light">
              {t('desk.myInitiativesLink')}
            </Button>
          }
        />
      ) : (
        <Stack gap="lg">
          <Text fw={600} role="status">
            {t('desk.summary', { count: desk.total })}
          </Text>
          {sections.map((s) => (
            <Section key={s} section={s} items={desk.waiting[s]} />
          ))}
        </Stack>
      )}
      <Demos demos={desk.demos} />
      <Initiatives initiatives={desk.initiatives} />
    </Stack>
  );
}

/** My desk, the home page: what waits for me, my demos this week, my initiatives. */
export default function DeskPage() {
  const { t } = useTranslation();
  const desk = useDeskQuery();
  let body: React.ReactNode;
  if (desk.isPending) body = <SkeletonRows rows={4} height={72} />;
  else if (desk.isError)
    body = <ProblemAlert error={desk.error} onReload={() => void desk.refetch()} />;
  else body = <DeskBody desk={desk.data} />;
  return (
    <>
      <PageHeader title={t('desk.title')} description={t('desk.description')} />
      {body}
    </>
  );
}
