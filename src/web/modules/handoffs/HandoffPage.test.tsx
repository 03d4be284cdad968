import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Handoff } from '../../../contracts/handoffs.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders, testQueryClient } from '../../test-utils.js';
import { meKey } from '../../queries/session.js';
import { defaultValues, validateHandoff } from './handoff-form.js';
import HandoffPage from './HandoffPage.js';
import { handoffKeys } from './handoffs.queries.js';

const person = (id: string, name: string, side: 'business' | 'it') => ({
  id,
  name,
  side,
  department: null,
});
const anna = person('a', 'Anna Becker', 'business');
const lukas = person('l', 'Lukas Fischer', 'it');
const stage = (key: string, position: number) => ({
  id: key,
  key,
  nameEn: key[0]?.toUpperCase() + key.slice(1),
  nameDe: key,
  position,
});

const handoff = (over: Partial<Handoff> = {}): Handoff => ({
  id: 'h1',
  initiative: { id: 'i1', title: 'Lead generator', department: 'Sales' },
  title: 'Specification for the lead generator',
  state: 'submitted',
  round: 1,
  fromStage: stage('specification', 1),
  toStage: stage('build', 2),
  sender: anna,
  senderDeputy: null,
  receiver: lukas,
  receiverDeputy: null,
  receiverSide: 'it',
  dueDate: '2026-12-04',
  timings: {
    submittedAt: '2026-11-27T10:00:00.000Z',
    firstResponseAt: '2026-11-27T14:00:00.000Z',
    acceptedAt: null,
    leadTimeMs: 86_400_000,
    returns: 0,
    openQuestions: 1,
    oldestOpenQuestionMs: 3_600_000,
    overdue: false,
    overdueDays: 0,
  },
  myRole: 'receiver',
  createdAt: '2026-11-27T09:00:00.000Z',
  updatedAt: '2026-11-27T14:00:00.000Z',
  note: '',
  deliverables: [
    { id: 'd1', title: 'Lastenheft v1', kind: 'specification', link: '', description: '' },
  ],
  checklist: [
    {
      id: 'acceptance_criteria',
      labelEn: 'Acceptance criteria agreed',
      labelDe: 'Abnahmekriterien vereinbart',
      source: 'stage',
      checked: true,
    },
  ],
  events: [
    {
      id: 'e1',
      type: 'submitted',
      round: 1,
      actor: anna,
      reason: null,
      failedItems: [],
      at: '2026-11-27T10:00:00.000Z',
    },
  ],
  questions: [
    {
      id: 'q1',
      askedBy: lukas,
      askedByParty: 'receiver',
      text: 'Which CRM fields?',
      askedAt: '2026-11-27T14:00:00.000Z',
      state: 'open',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      withdrawnAt: null,
      canAnswer: false,
      canWithdraw: true,
    },
  ],
  version: 3,
  actions: ['return', 'ask'],
  blockedActions: [
    {
      action: 'accept',
      code: 'open_questions',
      reason: '1 clarification question(s) are still open',
    },
  ],
  ...over,
});

function renderPage(h: Handoff) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(handoffKeys.detail(h.id), h);
  // The comments under it (their own test: conversation); none here.
  queryClient.setQueryData(['comments', 'handoff', h.id], []);
  queryClient.setQueryData(meKey, null);
  return renderWithProviders(
    <Routes>
      <Route path="/handoffs/:id" element={<HandoffPage />} />
    </Routes>,
    { route: `/handoffs/${h.id}`, queryClient },
  );
}

describe('HandoffPage', () => {
  it('gives the receiver the three actions; an open question blocks acceptance and says why', async () => {
    await i18n.changeLanguage('en');
    renderPage(handoff());
    await screen.findByRole('heading', { name: 'Specification for the lead generator' });
    expect(screen.getByRole('button', { name: 'Accept' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Return with reason' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Ask a question' })).toBeEnabled();
    expect(screen.getByText('Answer or withdraw the open questions first.')).toBeInTheDocument();
    expect(screen.getByText('Which CRM fields?')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Sender' })).toHaveTextContent('Anna Becker');
    expect(screen.getByRole('region', { name: 'Receiver' })).toHaveTextContent('Lukas Fischer');
  });

  it('in German, with locale dates, and no actions for someone who only reads it', async () => {
    await i18n.changeLanguage('de');
    renderPage(
      handoff({
        myRole: 'member',
        actions: [],
        blockedActions: [],
        timings: { ...handoff().timings, openQuestions: 0, overdue: true, overdueDays: 3 },
      }),
    );
    // A reader is told what is true: no part in it, reading only (nothing is subscribed).
    await screen.findByText('Sie sind an dieser Übergabe nicht beteiligt; Sie können sie lesen.');
    expect(screen.queryByRole('button', { name: 'Annehmen' })).not.toBeInTheDocument();
    expect(screen.getByText('Seit 3 Tagen überfällig')).toBeInTheDocument();
    expect(screen.getByText(/Antwort bis 04\.12\.2026/)).toBeInTheDocument();
    await i18n.changeLanguage('en');
  });

  it('tells a team member without a part in it that they may ask questions', async () => {
    await i18n.changeLanguage('en');
    renderPage(handoff({ myRole: 'member', actions: ['ask'], blockedActions: [] }));
    await screen.findByText('You are not part of this handoff; you can read it and ask questions.');
    expect(screen.getByRole('button', { name: 'Ask a question' })).toBeEnabled();
  });
});

describe('handoff form', () => {
  const stages = [stage('idea', 0), stage('specification', 1), stage('build', 2)].map(
    (s, i): Stage => ({
      ...s,
      owningSide: i === 2 ? 'it' : 'business',
      checklist: [],
      initiativeCount: 0,
      updatedAt: '',
    }),
  );
  const initiative = {
    stage: stages[1],
    businessOwner: anna,
    itOwner: lukas,
    businessDeputy: null,
    itDeputy: person('d', 'David Klein', 'it'),
  } as unknown as Initiative;

  it('proposes the next stage, its side’s owner and deputy, and a week to answer', () => {
    const v = defaultValues(initiative, stages, anna, new Date('2026-11-27T10:00:00Z'));
    expect(v).toMatchObject({
      toStageId: 'build',
      receiverId: 'l',
      receiverDeputyId: 'd',
      dueDate: '2026-12-04',
    });
  });

  it('explains what is missing in the user’s language', () => {
    const t = i18n.getFixedT('en');
    const v = defaultValues(initiative, stages, anna, new Date('2026-11-27T10:00:00Z'));
    const errors = validateHandoff(
      {
        ...v,
        receiverId: null,
        deliverables: [{ title: '', kind: 'other', link: 'ftp://x', description: '' }],
      },
      t,
    );
    expect(errors).toMatchObject({
      title: expect.any(String),
      receiverId: expect.any(String),
      'deliverables.0.title': expect.any(String),
      'deliverables.0.link': 'Enter a web address starting with https://',
    });
  });
});
