import { Accordion, Anchor, Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { usePersonalDataQuery } from './privacy.queries.js';

const lang = (language: string) => (language.startsWith('de') ? 'de' : 'en');

/** What Tandem holds about me: readable by kind, and as a JSON download. */
export default function PersonalDataPage() {
  const { t, i18n } = useTranslation();
  const data = usePersonalDataQuery();
  const l = lang(i18n.language);
  return (
    <>
      <PageHeader
        title={t('privacy.mine.title')}
        description={t('privacy.mine.intro')}
        actions={
          <Button
            component="a"
            href="/api/me/personal-data?download=1"
            download
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('privacy.mine.download')}
          </Button>
        }
      />
      {data.isPending ? <SkeletonRows /> : null}
      {data.isError ? (
        <ProblemAlert error={data.error} onReload={() => void data.refetch()} />
      ) : null}
      {data.data ? (
        <Accordion variant="separated" multiple>
          {data.data.sections.map((section, i) => (
            <Accordion.Item key={`${section.table}-${i}`} value={`${section.table}-${i}`}>
              <Accordion.Control>
                <Group gap="sm" wrap="wrap">
                  <Text fw={600}>{section.title[l]}</Text>
                  <Badge variant="light">{section.table}</Badge>
                  <Text size="sm" c="dimmed">
                    {t('privacy.mine.entries', { count: section.rows.length })}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  <Text size="sm">
                    {t('privacy.mine.purpose')}: {section.purpose[l]}
                  </Text>
                  {section.rows.map((row, j) => (
                    <Code key={j} block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {JSON.stringify(row, null, 2)}
                    </Code>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : null}
    </>
  );
}

/** The link from the profile page. */
export function PersonalDataLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/profile/personal-data" size="sm">
      {t('privacy.mine.link')}
    </Anchor>
  );
}
