/**
 * Setting rounds up over the API (approver, admin): creating one from an active framework, its
 * participants while it is a draft, its schedule and auto-advance switch, and each unit's
 * deadline extension. Every page reads rounds from the shared rounds list, refreshed after each
 * change here.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import type { FieldProblem, Round } from '@/api/types';
import { roundKeys } from '@/features/rounds';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

type Schemas = components['schemas'];

export type Participant = Schemas['ParticipantOut'];
export type UnitDeadline = Schemas['UnitDeadlineOut'];
export type RoundCreate = Schemas['RoundCreate'];
export type RoundUpdate = Schemas['RoundUpdate'];

export const adminRoundKeys = {
  participants: (roundId: number) => ['rounds', roundId, 'participants'] as const,
  deadlines: (roundId: number) => ['rounds', roundId, 'deadlines'] as const,
  preview: (query: PreviewQuery) => ['rounds', 'participants-preview', query] as const,
};

const roundPath = (roundId: number) => ({ path: { round_id: roundId } });

/** One round, fresh (the settings page edits it). */
export function useRound(roundId: number) {
  return useQuery({
    queryKey: [...roundKeys.all, roundId] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/rounds/{round_id}', { params: roundPath(roundId), signal })),
  });
}

export function useParticipants(roundId: number) {
  return useQuery({
    queryKey: adminRoundKeys.participants(roundId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/rounds/{round_id}/units', { params: roundPath(roundId), signal })),
  });
}

export interface PreviewQuery {
  framework_id: number;
  reference_date: string;
  groups: string[];
}

/** The units a new round would take: those of its groups valid on the reference date. */
const NO_PREVIEW: PreviewQuery = { framework_id: 0, reference_date: '', groups: [] };

export function useParticipantsPreview(query: PreviewQuery | undefined) {
  return useQuery({
    queryKey: adminRoundKeys.preview(query ?? NO_PREVIEW),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/participants-preview', {
          params: { query: query ?? NO_PREVIEW },
          signal,
        }),
      ),
    enabled: query !== undefined && query.groups.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useDeadlines(roundId: number) {
  return useQuery({
    queryKey: adminRoundKeys.deadlines(roundId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/deadlines', { params: roundPath(roundId), signal }),
      ),
  });
}

export function useCreateRound({ onSuccess }: MutationCallbacks<Round> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundCreate) => unwrap(api.POST('/api/v1/rounds', { body })),
    meta: { inlineErrors: true },
    onSuccess: async (created) => {
      await onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: roundKeys.all });
    },
  });
}

export function useUpdateRound(roundId: number, { onSuccess }: MutationCallbacks<Round> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundUpdate) =>
      unwrap(api.PATCH('/api/v1/rounds/{round_id}', { params: roundPath(roundId), body })),
    meta: { inlineErrors: true },
    onSuccess: async (updated) => {
      await onSuccess?.(updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: roundKeys.all }),
        queryClient.invalidateQueries({ queryKey: adminRoundKeys.deadlines(roundId) }),
      ]);
    },
  });
}

async function refreshParticipants(queryClient: ReturnType<typeof useQueryClient>, id: number) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: roundKeys.all }),
    queryClient.invalidateQueries({ queryKey: adminRoundKeys.participants(id) }),
    queryClient.invalidateQueries({ queryKey: adminRoundKeys.deadlines(id) }),
  ]);
}

export function useAddParticipants(
  roundId: number,
  { onSuccess }: MutationCallbacks<Participant[]> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitCodes: string[]) =>
      unwrap(
        api.POST('/api/v1/rounds/{round_id}/units', {
          params: roundPath(roundId),
          body: { unit_codes: unitCodes },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (participants) => {
      await onSuccess?.(participants);
      await refreshParticipants(queryClient, roundId);
    },
  });
}

export function useRemoveParticipant(roundId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitCode: string) =>
      unwrap(
        api.DELETE('/api/v1/rounds/{round_id}/units/{unit_code}', {
          params: { path: { round_id: roundId, unit_code: unitCode } },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: () => refreshParticipants(queryClient, roundId),
  });
}

export function useSetDeadline(
  roundId: number,
  { onSuccess }: MutationCallbacks<UnitDeadline> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      unitCode,
      deadlineAt,
      reason,
    }: {
      unitCode: string;
      deadlineAt: string | null;
      reason: string;
    }) =>
      unwrap(
        api.PUT('/api/v1/rounds/{round_id}/units/{unit_code}/deadline', {
          params: { path: { round_id: roundId, unit_code: unitCode } },
          body: { deadline_at: deadlineAt, reason },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (deadline) => {
      await onSuccess?.(deadline);
      await queryClient.invalidateQueries({ queryKey: adminRoundKeys.deadlines(roundId) });
    },
  });
}

/** The field problems of a failed call (validation), to show beside the fields. */
export function fieldErrorsOf(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? error.fieldErrors : [];
}
