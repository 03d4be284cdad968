import { describe, expect, it } from 'vitest';
import { keptMentions, mentionQuery } from './CommentComposer.js';

const lukas = { id: 'l', name: 'Lukas Fischer', side: 'it' as const, department: null };
const anna = { id: 'a', name: 'Anna Becker', side: 'business' as const, department: null };

describe('@mentions while typing', () => {
  it('finds the @word right before the caret, at the start or after a space', () => {
    expect(mentionQuery('@Lu', 3)).toEqual({ start: 0, q: 'Lu' });
    expect(mentionQuery('Hi @', 4)).toEqual({ start: 3, q: '' });
    expect(mentionQuery('Hi @Luk and more', 7)).toEqual({ start: 3, q: 'Luk' });
  });

  it('ignores email addresses and words after the caret', () => {
    expect(mentionQuery('mail anna@example.com', 21)).toBeNull();
    expect(mentionQuery('@Lu xyz', 7)).toBeNull();
  });

  it('keeps only people whose @Name is still in the text, each once', () => {
    expect(keptMentions('Thanks @Lukas Fischer!', [lukas, anna, lukas])).toEqual([lukas]);
    expect(keptMentions('nobody', [lukas])).toEqual([]);
  });
});
