import { Button, Group, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonRef } from '../../../contracts/common.js';
import type { CommentSubject } from '../../../contracts/conversation.js';
import { isApiError } from '../../api/client.js';
import { PersonChip } from '../../components/PersonChip.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useMentionCandidates } from './conversation.queries.js';

/** The @word being typed right before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; q: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, q: match[2] ?? '' };
}

/** The people picked whose @Name is still in the text. */
export const keptMentions = (text: string, picked: readonly PersonRef[]): PersonRef[] =>
  picked.filter(
    (p, i) => text.includes(`@${p.name}`) && picked.findIndex((x) => x.id === p.id) === i,
  );

interface ComposerProps {
  subjectType: CommentSubject;
  subjectId: string;
  initialBody?: string;
  initialMentions?: PersonRef[];
  submitLabel: string;
  loading: boolean;
  error: unknown;
  onSubmit: (body: string, mentions: PersonRef[]) => Promise<unknown>;
  onCancel?: () => void;
}

/** A Markdown text box with @mention suggestions of people who may read the item. */
export function CommentComposer({
  subjectType,
  subjectId,
  initialBody = '',
  initialMentions = [],
  submitLabel,
  loading,
  error,
  onSubmit,
  onCancel,
}: ComposerProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initialBody);
  const [picked, setPicked] = useState<PersonRef[]>(initialMentions);
  const [query, setQuery] = useState<{ start: number; q: string } | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const candidates = useMentionCandidates(subjectType, subjectId, query?.q ?? null);
  const options = query ? (candidates.data ?? []).slice(0, 8) : [];

  const follow = (text: string, caret: number) => {
    setQuery(mentionQuery(text, caret));
    setActive(0);
  };

  const choose = (person: PersonRef) => {
    const el = ref.current;
    if (!query || !el) return;
    const caret = el.selectionStart;
    const inserted = `@${person.name} `;
    const next = body.slice(0, query.start) + inserted + body.slice(caret);
    setBody(next);
    setPicked((p) => (p.some((x) => x.id === person.id) ? p : [...p, person]));
    setQuery(null);
    requestAnimationFrame(() => {
      el.focus();
      const at = query.start + inserted.length;
      el.setSelectionRange(at, at);
    });
  };

  // A refused mention names the person in the user's language.
  const refused =
    isApiError(error) && error.fieldIssues.some((i) => i.code === 'cannot_read')
      ? error.fieldIssues
          .filter((i) => i.code === 'cannot_read')
          .map((i) => {
            const index = Number(i.path.split('.')[1]);
            const mentions = keptMentions(body, picked);
            return t('conversation.cannotRead', { name: mentions[index]?.name ?? '?' });
          })
      : [];

  const submit = async () => {
    const text = body.trim();
    if (!text) return;
    try {
      await onSubmit(text, keptMentions(text, picked));
      setBody('');
      setPicked([]);
    } catch {
      // shown below
    }
  };

  return (
    <Stack gap="xs">
      <div style={{ position: 'relative' }}>
        <Textarea
          ref={ref}
          label={t('conversation.write')}
          description={t('conversation.writeHint')}
          autosize
          minRows={2}
          maxRows={12}
          value={body}
          maxLength={10_000}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            follow(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onClick={(e) => follow(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (options.length === 0) {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
              return;
            }
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => (a + 1) % options.length);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a - 1 + options.length) % options.length);
            } else if (e.key === 'Enter' || e.key === 'Tab') {
              const person = options[active];
              if (person) {
                e.preventDefault();
                choose(person);
              }
            } else if (e.key === 'Escape') {
              setQuery(null);
            }
          }}
          aria-autocomplete="list"
          aria-expanded={options.length > 0}
        />
        {query ? (
          <Paper
            withBorder
            shadow="md"
            p={4}
            role="listbox"
            aria-label={t('conversation.mentionPeople')}
            style={{ position: 'absolute', zIndex: 20, left: 0, right: 0, maxWidth: 360 }}
          >
            {options.length === 0 ? (
              <Text size="sm" c="dimmed" p="xs">
                {t('conversation.noOneFound')}
              </Text>
            ) : (
              options.map((p, i) => (
                <UnstyledButton
                  key={p.id}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(p)}
                  p={6}
                  w="100%"
                  style={{
                    borderRadius: 4,
                    background: i === active ? 'var(--mantine-color-default-hover)' : undefined,
                  }}
                >
                  <PersonChip person={p} detail={p.department} />
                </UnstyledButton>
              ))
            )}
          </Paper>
        ) : null}
      </div>
      {refused.length ? (
        <Text size="sm" c="red" role="alert">
          {refused.join(' ')}
        </Text>
      ) : (
        <ProblemAlert error={error} />
      )}
      <Group justify="flex-end" gap="xs">
        {onCancel ? (
          <Button variant="default" onClick={onCancel}>
            {t('conversation.cancel')}
          </Button>
        ) : null}
        <Button onClick={() => void submit()} loading={loading} disabled={!body.trim()}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
