/**
 * Practice rounds (vòng tập huấn) over the API, for DIC: a copy of a round with none of its data,
 * emptied (reset) or deleted with all of it. Every page reads rounds from the shared rounds list,
 * refreshed after each change here.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { Round } from '@/api/types';
import { roundKeys } from '@/features/rounds';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

export type PracticeCreate = components['schemas']['PracticeCreate'];

const roundPath = (roundId: number) => ({ path: { round_id: roundId } });

export function useCreatePractice(
  roundId: number,
  { onSuccess, onError }: MutationCallbacks<Round> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PracticeCreate) =>
      unwrap(
        api.POST('/api/v1/rounds/{round_id}/practice-copies', { params: roundPath(roundId), body }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (created) => {
      await onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: roundKeys.all });
    },
    onError,
  });
}

export function useResetPractice(roundId: number, { onSuccess }: MutationCallbacks<Round> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/rounds/{round_id}/practice-reset', { params: roundPath(roundId) })),
    meta: { inlineErrors: true },
    // Everything of the round changed: its assessments, progress, runs and the rounds list.
    onSuccess: async (reset) => {
      await onSuccess?.(reset);
      await queryClient.invalidateQueries();
    },
  });
}

export function useDeletePractice(roundId: number, { onSuccess }: MutationCallbacks<void> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/rounds/{round_id}', { params: roundPath(roundId) })),
    meta: { inlineErrors: true },
    onSuccess: async () => {
      await onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: roundKeys.all });
    },
  });
}
