import { EmptyState as MantineEmptyState, Paper } from '@mantine/core';

interface EmptyStateProps {
  icon: React.ReactNode;
  title: string;
  /** One sentence on what this is for. */
  text: string;
  /** The one action that starts it. */
  action?: React.ReactNode;
}

/** Empty states teach: what this is for, and the one action that starts it. */
export function EmptyState({ icon, title, text, action }: EmptyStateProps) {
  return (
    <Paper withBorder radius="md" p="xl">
      <MantineEmptyState
        icon={icon}
        title={title}
        description={text}
        variant="light"
        color="gray"
        maw={560}
        mx="auto"
      >
        {action ? <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions> : null}
      </MantineEmptyState>
    </Paper>
  );
}
