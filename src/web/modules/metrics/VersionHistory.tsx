import { Badge, Button, Collapse, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DefinitionVersion } from '../../../contracts/metrics.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import { definitionDiff, type DefinitionChange } from './metric-format.js';
import { useDefinitionText } from './useDefinitionText.js';
import { SectionLabel } from '../../components/SectionLabel.js';

function Changes({ changes }: { changes: DefinitionChange[] }) {
  const { t } = useTranslation();
  const text = useDefinitionText();
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm">
      <caption className="visually-hidden">{t('metrics.history.changed')}</caption>
      <Table.Tbody>
        {changes.map((c) => {
          const from = text.value(c.field, c.from);
          const to = text.value(c.field, c.to);
          return (
            <Table.Tr key={c.field}>
              <Table.Th fw={500} c="dimmed" w="38%" pr="xs" style={{ verticalAlign: 'top' }}>
                {text.label(c.field)}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Stack gap={0}>
                  <Text size="sm" td="line-through" c="dimmed">
                    {from}
                  </Text>
                  <Text size="sm">
                    <span aria-hidden>→ </span>
                    <span className="visually-hidden"> → </span>
                    {to}
                  </Text>
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function VersionEntry({
  version,
  previous,
  current,
}: {
  version: DefinitionVersion;
  previous: DefinitionVersion | undefined;
  current: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const changes = definitionDiff(previous?.content, version.content);
  return (
    <Stack
      gap={6}
      component="li"
      pl="sm"
      style={{ borderLeft: '2px solid var(--mantine-color-default-border)', listStyle: 'none' }}
    >
      <Group gap={6} wrap="wrap">
        <Badge variant={current ? 'filled' : 'default'} color="blue" radius="sm">
          {t('metrics.agreement.version', { version: version.version })}
        </Badge>
        {current ? (
          <Text size="xs" c="dimmed">
            {t('metrics.history.current')}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          <time dateTime={version.createdAt}>
            {t('metrics.history.createdBy', {
              name: version.createdBy?.name ?? t('metrics.history.unknownPerson'),
              date: fmt.dateTime(version.createdAt),
            })}
          </time>
        </Text>
      </Group>
      {previous ? (
        changes.length ? (
          <Changes changes={changes} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('metrics.history.noChanges')}
          </Text>
        )
      ) : (
        <Text size="sm" c="dimmed">
          {t('metrics.history.first')}
        </Text>
      )}
      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed">
          {t('metrics.history.signatures')}
        </Text>
        {version.signatures.length ? (
          // Business first, as everywhere; signing order is in the timestamps.
          [...version.signatures]
            .sort((a, b) => (a.side === b.side ? 0 : a.side === 'business' ? -1 : 1))
            .map((s) => (
              <Group key={`${s.person.id}-${s.side}`} gap={8} wrap="nowrap">
                <PersonAvatar person={s.person} size={22} />
                <Text size="sm" style={{ minWidth: 0 }}>
                  <Text
                    span
                    fw={600}
                    c={`light-dark(var(--mantine-color-${SIDE_COLOR[s.side]}-8), var(--mantine-color-${SIDE_COLOR[s.side]}-3))`}
                  >
                    {t(`side.${s.side}`)}
                  </Text>{' '}
                  · {s.person.name} ·{' '}
                  <Text span size="xs" c="dimmed">
                    <time dateTime={s.signedAt}>{fmt.dateTime(s.signedAt)}</time>
                  </Text>
                </Text>
              </Group>
            ))
        ) : (
          <Text size="sm" c="dimmed">
            {t('metrics.history.noSignatures')}
          </Text>
        )}
        {!current && version.signatures.length ? (
          <Text size="xs" c="dimmed" fs="italic">
            {t('metrics.history.superseded')}
          </Text>
        ) : null}
      </Stack>
    </Stack>
  );
}

/** Every version of the definition: who made it, what changed, and who signed it. */
export function VersionHistory({ versions }: { versions: DefinitionVersion[] }) {
  const { t } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  const [latest, ...earlier] = versions;
  if (!latest) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="version-history">
      <SectionLabel order={3} id="version-history">
        {t('metrics.history.title')}
      </SectionLabel>
      <Stack gap="md" component="ol" p={0} m={0}>
        <VersionEntry version={latest} previous={earlier[0]} current />
      </Stack>
      {earlier.length ? (
        <>
          <Collapse expanded={open}>
            <Stack gap="md" component="ol" p={0} m={0}>
              {earlier.map((v, i) => (
                <VersionEntry
                  key={v.version}
                  version={v}
                  previous={earlier[i + 1]}
                  current={false}
                />
              ))}
            </Stack>
          </Collapse>
          <Button
            variant="subtle"
            size="xs"
            onClick={toggle}
            w="fit-content"
            aria-expanded={open}
            leftSection={
              open ? (
                <IconChevronUp size={14} aria-hidden />
              ) : (
                <IconChevronDown size={14} aria-hidden />
              )
            }
          >
            {open
              ? t('metrics.history.hide')
              : t('metrics.history.show', { count: earlier.length })}
          </Button>
        </>
      ) : null}
    </Stack>
  );
}
