import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateHandoffBody,
  Handoff,
  HandoffsAttention,
  HighRiskChecklist,
  ReturnHandoffBody,
  UpdateHandoffBody,
  UpdateHighRiskChecklistBody,
} from '../../../contracts/handoffs.js';
import { api } from '../../api/client.js';
import { deskKey } from '../../queries/desk.js';
import { initiativeKeys } from '../../queries/initiatives.js';

export const handoffKeys = {
  all: ['handoffs'] as const,
  list: (initiativeId: string) => ['handoffs', 'list', initiativeId] as const,
  detail: (id: string) => ['handoffs', 'detail', id] as const,
  attention: ['handoffs', 'attention'] as const,
  highRisk: ['settings', 'high-risk-checklist'] as const,
};

export function useInitiativeHandoffsQuery(initiativeId: string) {
  return useQuery({
    queryKey: handoffKeys.list(initiativeId),
    queryFn: ({ signal }) =>
      api.get<Handoff[]>(`/initiatives/${initiativeId}/handoffs`, { signal }),
  });
}

export function useHandoffQuery(id: string) {
  return useQuery({
    queryKey: handoffKeys.detail(id),
    queryFn: ({ signal }) => api.get<Handoff>(`/handoffs/${id}`, { signal }),
  });
}

export function useHandoffsAttentionQuery() {
  return useQuery({
    queryKey: handoffKeys.attention,
    queryFn: ({ signal }) => api.get<HandoffsAttention>('/handoffs/attention', { signal }),
  });
}

/**
 * After any change: the handoff itself, the lists it appears in, and the initiative (its
 * stage moves on acceptance) with its activity.
 */
function useStoreHandoff() {
  const queryClient = useQueryClient();
  return (h: Handoff) => {
    queryClient.setQueryData(handoffKeys.detail(h.id), h);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: handoffKeys.list(h.initiative.id) }),
      queryClient.invalidateQueries({ queryKey: deskKey }),
      queryClient.invalidateQueries({ queryKey: handoffKeys.attention }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.detail(h.initiative.id) }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(h.initiative.id) }),
    ]);
  };
}

export function useCreateHandoffMutation(initiativeId: string) {
  const store = useStoreHandoff();
  return useMutation({
    mutationFn: (body: CreateHandoffBody) =>
      api.post<Handoff>(`/initiatives/${initiativeId}/handoffs`, body),
    onSuccess: store,
  });
}

export function useUpdateHandoffMutation(id: string) {
  const store = useStoreHandoff();
  return useMutation({
    mutationFn: (body: UpdateHandoffBody) => api.patch<Handoff>(`/handoffs/${id}`, body),
    onSuccess: store,
  });
}

export type HandoffCommand =
  | { kind: 'submit' | 'accept'; version: number }
  | ({ kind: 'return' } & ReturnHandoffBody)
  | { kind: 'withdraw'; version: number; reason?: string }
  | { kind: 'ask'; version: number; text: string }
  | { kind: 'answer'; version: number; questionId: string; text: string }
  | { kind: 'withdrawQuestion'; version: number; questionId: string };

const PATHS: Record<HandoffCommand['kind'], (c: HandoffCommand) => string> = {
  submit: () => 'submit',
  accept: () => 'accept',
  return: () => 'return',
  withdraw: () => 'withdraw',
  ask: () => 'questions',
  answer: (c) => `questions/${'questionId' in c ? c.questionId : ''}/answer`,
  withdrawQuestion: (c) => `questions/${'questionId' in c ? c.questionId : ''}/withdraw`,
};

/** Every transition of a handoff: one mutation, the command says which. */
export function useHandoffCommandMutation(id: string) {
  const store = useStoreHandoff();
  return useMutation({
    mutationFn: (command: HandoffCommand) => {
      const { kind, ...rest } = command;
      const body = { ...rest } as Record<string, unknown>;
      delete body.questionId;
      return api.post<Handoff>(`/handoffs/${id}/${PATHS[kind](command)}`, body);
    },
    onSuccess: store,
  });
}

export function useHighRiskChecklistQuery() {
  return useQuery({
    queryKey: handoffKeys.highRisk,
    queryFn: ({ signal }) =>
      api.get<HighRiskChecklist>('/settings/high-risk-checklist', { signal }),
  });
}

export function useUpdateHighRiskChecklistMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateHighRiskChecklistBody) =>
      api.put<HighRiskChecklist>('/settings/high-risk-checklist', body),
    onSuccess: (saved) => queryClient.setQueryData(handoffKeys.highRisk, saved),
  });
}
