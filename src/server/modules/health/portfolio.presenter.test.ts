import { describe, expect, it } from 'vitest';
import { waitingList } from './portfolio.presenter.js';

describe('waitingList', () => {
  it('lists the same counts in the same order whatever order they were counted in', () => {
    const entries: [string, number][] = [
      ['goal_signature:it', 2],
      ['handoff_answer:business', 3],
      ['goal_signature:business', 2],
      ['handoff_answer:it', 2],
    ];
    const list = waitingList(new Map(entries));
    expect(waitingList(new Map([...entries].reverse()))).toEqual(list);
    expect(list.map((w) => `${w.kind}:${w.side}`)).toEqual([
      'handoff_answer:business',
      'goal_signature:business',
      'goal_signature:it',
      'handoff_answer:it',
    ]);
  });
});
