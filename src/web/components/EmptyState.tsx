import { Button, EmptyState as MantineEmptyState, Paper } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';

interface EmptyStateProps {
  icon: React.ReactNode;
  title: string;
  /** One sentence on what this is for. */
  text: string;
  /** The one action that starts it. */
  action?: React.ReactNode;
  /** For someone who may not start it: why, said after the text. */
  readOnlyNote?: string | undefined;
}

/** Empty states teach: what this is for, and the one action that starts it. */
export function EmptyState({ icon, title, text, action, readOnlyNote }: EmptyStateProps) {
  return (
    <Paper withBorder radius="md" p="xl">
      <MantineEmptyState
        icon={icon}
        title={title}
        description={readOnlyNote ? `${text} ${readOnlyNote}` : text}
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

/** A list whose filters leave nothing: say so, and offer to clear them. */
export function FilteredEmptyState({
  title,
  text,
  clearLabel,
  onClear,
}: {
  title: string;
  text: string;
  clearLabel: string;
  onClear: () => void;
}) {
  return (
    <EmptyState
      icon={<IconFilterOff aria-hidden />}
      title={title}
      text={text}
      action={
        <Button variant="default" onClick={onClear}>
          {clearLabel}
        </Button>
      }
    />
  );
}

/** A list's table in its frame, faded while the rows of the previous filter still show. */
export function ListTablePaper({ stale, children }: { stale: boolean; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} opacity={stale ? 0.6 : 1}>
      {children}
    </Paper>
  );
}
