import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ColorSchemeToggle } from '../../components/ColorSchemeToggle.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { Wordmark } from '../../components/Wordmark.js';

/** The frame around sign-in and invitation pages. */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-default-hover)">
      <Group justify="flex-end" p="md" gap="sm">
        <LanguageSwitch />
        <ColorSchemeToggle />
      </Group>
      <Center px="md" pb="xl" component="main">
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <Wordmark size="xl" />
          </Center>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap="md">
              <div>
                <Title order={1} fz="h3">
                  {title}
                </Title>
                {intro ? (
                  <Text c="dimmed" size="sm" mt={4}>
                    {intro}
                  </Text>
                ) : null}
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
