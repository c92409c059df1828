/**
 * Preliminary results and feedback (giải trình) over the API: a unit's results in the shared run
 * with the explanation of every point, the feedback it files within the window (with files), and
 * DIC's side: every unit's feedback and the answers. The score runs are the publish feature's.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { Evidence } from '@/api/types';
import { postWithProgress } from '@/api/upload';
import { publishKeys } from '@/features/publish';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

type Schemas = components['schemas'];

export type FeedbackStatus = Schemas['FeedbackStatus'];
export type FeedbackItem = Omit<Schemas['FeedbackOut'], 'status'> & { status: FeedbackStatus };
export type FeedbackWindow = Schemas['WindowOut'];
export type UnitFeedback = Omit<Schemas['UnitFeedbackOut'], 'items'> & { items: FeedbackItem[] };
export type ScoreRun = Schemas['RunOut'];
export type RunKind = Schemas['RunKind'];
export type ResultNode = Schemas['NodeOut'];

export const FEEDBACK_STATUSES: readonly FeedbackStatus[] = ['open', 'accepted', 'rejected'];

/** One input the engine read for an indicator. */
export interface ExplainedInput {
  name: string;
  element_code: string;
  value: unknown;
  source: string;
}

/** Why the unit got its points on one indicator (the engine's explanation, as stored in the run). */
export interface Explanation {
  rule: string;
  outcome: string;
  applicable: boolean;
  inputs: ExplainedInput[];
  formula_vi: string;
  formula_en: string;
  points: string;
  max_points: string;
  adjustment: { points: string; reason: string } | null;
}

export type UnitResult = Omit<Schemas['UnitResultOut'], 'explanations'> & {
  explanations: Record<string, Explanation>;
};

const ALL = ['feedback'] as const;

/**
 * This feature's cache keys. Every feedback list starts with `all`, so filing or answering one
 * refreshes them all; a unit's result in a run never changes, and sits apart.
 */
export const feedbackKeys = {
  all: ALL,
  unit: (roundId: number | undefined, unitCode: string | undefined) =>
    [...ALL, 'unit', roundId ?? 0, unitCode ?? ''] as const,
  round: (roundId: number | undefined, status: FeedbackStatus | undefined) =>
    [...ALL, 'round', roundId ?? 0, status ?? 'all'] as const,
  result: (
    roundId: number | undefined,
    runId: number | null | undefined,
    unitCode: string | undefined,
  ) => ['results', roundId ?? 0, runId ?? 0, unitCode ?? ''] as const,
};

const unitPath = (roundId: number, unitCode: string) => ({
  round_id: roundId,
  unit_code: unitCode,
});

/** The unit's feedback, the window, and the shared run it is filed against. */
export function useUnitFeedback(roundId: number | undefined, unitCode: string | undefined) {
  return useQuery({
    queryKey: feedbackKeys.unit(roundId, unitCode),
    queryFn: async ({ signal }) =>
      (await unwrap(
        api.GET('/api/v1/rounds/{round_id}/units/{unit_code}/feedback', {
          params: { path: unitPath(roundId ?? 0, unitCode ?? '') },
          signal,
        }),
      )) as UnitFeedback,
    enabled: roundId !== undefined && Boolean(unitCode),
  });
}

/** One unit's results in a run, with the explanation of each indicator. */
export function useUnitResult(
  roundId: number | undefined,
  runId: number | null | undefined,
  unitCode: string | undefined,
) {
  return useQuery({
    queryKey: feedbackKeys.result(roundId, runId, unitCode),
    queryFn: async ({ signal }) =>
      (await unwrap(
        api.GET('/api/v1/rounds/{round_id}/score-runs/{run_id}/results/{unit_code}', {
          params: {
            path: { round_id: roundId ?? 0, run_id: runId ?? 0, unit_code: unitCode ?? '' },
          },
          signal,
        }),
      )) as UnitResult,
    enabled: roundId !== undefined && typeof runId === 'number' && Boolean(unitCode),
    staleTime: 5 * 60_000,
  });
}

/** File feedback on one indicator (the unit's staff, while the window is open). */
export async function fileFeedback(
  roundId: number,
  unitCode: string,
  indicatorCode: string,
  body: string,
) {
  return (await unwrap(
    api.POST('/api/v1/rounds/{round_id}/units/{unit_code}/feedback', {
      params: { path: unitPath(roundId, unitCode) },
      body: { indicator_code: indicatorCode, body },
    }),
  )) as FeedbackItem;
}

export interface FeedbackFileUpload {
  roundId: number;
  unitCode: string;
  feedbackId: number;
  file: File;
  /** 0–100, as the bytes go out. */
  onProgress: (percent: number) => void;
}

/** Attach a file to an open feedback; resolves with the stored file, or throws the API's problem. */
export function uploadFeedbackFile({
  roundId,
  unitCode,
  feedbackId,
  file,
  onProgress,
}: FeedbackFileUpload) {
  const form = new FormData();
  form.append('file', file, file.name);
  return postWithProgress<Evidence>({
    path: `/api/v1/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/feedback/${feedbackId}/evidence`,
    body: form,
    onProgress,
  });
}

export interface AnswerBody {
  decision: 'accepted' | 'rejected';
  reason: string;
  /** The indicator's points once the feedback is accepted (required then). */
  points?: string;
}

/** DIC's answer to a feedback: accepted (with the new points) or rejected, with a reason. */
export async function answerFeedback(
  roundId: number,
  unitCode: string,
  feedbackId: number,
  body: AnswerBody,
) {
  return (await unwrap(
    api.POST('/api/v1/rounds/{round_id}/units/{unit_code}/feedback/{feedback_id}/answer', {
      params: { path: { ...unitPath(roundId, unitCode), feedback_id: feedbackId } },
      body,
    }),
  )) as FeedbackItem;
}

/** Every unit's feedback in the round (DIC), by status (undefined: all). */
export function useRoundFeedback(roundId: number | undefined, status: FeedbackStatus | undefined) {
  return useQuery({
    queryKey: feedbackKeys.round(roundId, status),
    queryFn: async ({ signal }) =>
      (await unwrap(
        api.GET('/api/v1/rounds/{round_id}/feedback', {
          params: { path: { round_id: roundId ?? 0 }, query: status ? { status } : {} },
          signal,
        }),
      )) as FeedbackItem[],
    enabled: roundId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export interface FeedbackFiling {
  indicatorCode: string;
  body: string;
  /** At most one file, sent once the feedback is filed. */
  file?: File | undefined;
  /** 0–100, as the file's bytes go out. */
  onProgress: (percent: number) => void;
  /** The file failed: the feedback itself is filed and stays so. */
  onFileFailed: (error: unknown) => void;
}

/**
 * The unit files feedback on one indicator, then its file; the unit's feedback is read again. The
 * dialog shows a refusal of the feedback itself.
 */
export function useFileFeedback(
  roundId: number,
  unitCode: string,
  { onSuccess }: MutationCallbacks<FeedbackItem> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ indicatorCode, body, file, onProgress, onFileFailed }: FeedbackFiling) => {
      const filed = await fileFeedback(roundId, unitCode, indicatorCode, body);
      if (file) {
        onProgress(0);
        try {
          await uploadFeedbackFile({ roundId, unitCode, feedbackId: filed.id, file, onProgress });
        } catch (failure) {
          onFileFailed(failure);
        }
      }
      return filed;
    },
    meta: { inlineErrors: true },
    onSuccess: async (filed) => {
      await onSuccess?.(filed);
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
    },
  });
}

/**
 * DIC answers one feedback (accepted, it adjusts the points the next run counts). Every feedback
 * list is read again, and so are the round's runs listed beside them. The form shows a refusal.
 */
export function useAnswerFeedback(
  roundId: number,
  item: Pick<FeedbackItem, 'id' | 'unit_code'>,
  { onSuccess }: MutationCallbacks<FeedbackItem> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerBody) => answerFeedback(roundId, item.unit_code, item.id, body),
    meta: { inlineErrors: true },
    onSuccess: async (answered) => {
      await onSuccess?.(answered);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: feedbackKeys.all }),
        queryClient.invalidateQueries({ queryKey: publishKeys.runs(roundId) }),
      ]);
    },
  });
}
