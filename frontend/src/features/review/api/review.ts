/**
 * Review (thẩm định) over the API: DIC's decisions on a unit's answers, the comment thread on each
 * answer (shared by the unit and DIC), and the queue of units to review.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { Decision, SubmissionStatus } from '@/api/types';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

/** This feature's cache keys: each answer's comment thread, and the queue by its filter. */
export const reviewKeys = {
  comments: (roundId: number, unitCode: string, indicatorCode: string) =>
    ['comments', roundId, unitCode, indicatorCode] as const,
  queue: (roundId: number, filter: QueueFilter) => ['review-queue', roundId, filter] as const,
};

function unitPath(roundId: number, unitCode: string) {
  return { round_id: roundId, unit_code: unitCode };
}

export interface DecisionBody {
  decision: Decision;
  points?: string | null;
  /** An adjustment by the reviewer's figures, by input name (instead of points). */
  values?: Record<string, string | boolean> | null;
  comment?: string | null;
}

export function decide(
  roundId: number,
  unitCode: string,
  indicatorCode: string,
  body: DecisionBody,
) {
  return unwrap(
    api.POST('/api/v1/rounds/{round_id}/units/{unit_code}/reviews/{indicator_code}', {
      params: { path: { ...unitPath(roundId, unitCode), indicator_code: indicatorCode } },
      body,
    }),
  );
}

export function acceptPending(roundId: number, unitCode: string) {
  return unwrap(
    api.POST('/api/v1/rounds/{round_id}/units/{unit_code}/reviews:accept-pending', {
      params: { path: unitPath(roundId, unitCode) },
    }),
  );
}

export function useComments(
  roundId: number,
  unitCode: string,
  indicatorCode: string,
  enabled: boolean,
) {
  return useQuery({
    queryKey: reviewKeys.comments(roundId, unitCode, indicatorCode),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/units/{unit_code}/answers/{indicator_code}/comments', {
          params: { path: { ...unitPath(roundId, unitCode), indicator_code: indicatorCode } },
          signal,
        }),
      ),
    enabled,
  });
}

export function addComment(roundId: number, unitCode: string, indicatorCode: string, body: string) {
  return unwrap(
    api.POST('/api/v1/rounds/{round_id}/units/{unit_code}/answers/{indicator_code}/comments', {
      params: { path: { ...unitPath(roundId, unitCode), indicator_code: indicatorCode } },
      body: { body },
    }),
  );
}

export interface QueueFilter {
  group?: string | undefined;
  status?: SubmissionStatus | undefined;
  indicator?: string | undefined;
}

/** Where each unit's review stands (DIC), by group, status or one indicator. */
export function useReviewQueue(roundId: number | undefined, filter: QueueFilter) {
  return useQuery({
    queryKey: reviewKeys.queue(roundId ?? 0, filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/review-queue', {
          params: {
            path: { round_id: roundId ?? 0 },
            query: {
              limit: 200,
              ...(filter.group ? { group: filter.group } : {}),
              ...(filter.status ? { status: filter.status } : {}),
              ...(filter.indicator ? { indicator: filter.indicator } : {}),
            },
          },
          signal,
        }),
      ),
    enabled: roundId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * The reviewer's decision on one answer. The page reads the assessment again (with its review) in
 * `onSuccess`, through its queue of writes; the form shows errors itself.
 */
export function useDecision(
  roundId: number,
  unitCode: string,
  indicatorCode: string,
  { onSuccess }: MutationCallbacks<unknown> = {},
) {
  return useMutation({
    mutationFn: (body: DecisionBody) => decide(roundId, unitCode, indicatorCode, body),
    meta: { inlineErrors: true },
    onSuccess: async (result) => {
      await onSuccess?.(result);
    },
  });
}

/** Accept every answer of the unit not decided on yet; the page reloads the assessment. */
export function useAcceptPending(
  roundId: number,
  unitCode: string,
  { onSuccess, onError }: MutationCallbacks<{ accepted: number }> = {},
) {
  return useMutation({
    mutationFn: () => acceptPending(roundId, unitCode),
    meta: { inlineErrors: true },
    onSuccess: async (result) => {
      await onSuccess?.(result);
    },
    onError: (error) => onError?.(error),
  });
}

/** Post a message to the thread on one answer, then read the thread again. */
export function useAddComment(
  roundId: number,
  unitCode: string,
  indicatorCode: string,
  { onSuccess }: MutationCallbacks<unknown> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addComment(roundId, unitCode, indicatorCode, body),
    meta: { inlineErrors: true },
    onSuccess: async (comment) => {
      await onSuccess?.(comment);
      await queryClient.invalidateQueries({
        queryKey: reviewKeys.comments(roundId, unitCode, indicatorCode),
      });
    },
  });
}
