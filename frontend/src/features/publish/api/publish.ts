/**
 * Taking a round to publication (công bố kết quả) over the API: the round's phase moves and their
 * history, the score runs (computing one, comparing two, the national tables as Excel) and the
 * publications (each an immutable, numbered version of a final run).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import type { Phase, Round } from '@/api/types';
import { roundKeys } from '@/features/rounds';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';
import { saveFile } from '@/lib/save-file';

type Schemas = components['schemas'];

export type ScoreRun = Schemas['RunOut'];
export type RunKind = Schemas['RunKind'];
export type RunDiff = Schemas['RunDiffOut'];
export type UnitChange = Schemas['UnitChange'];
export type CriterionChange = Schemas['CriterionChange'];
export type DiffReason = Schemas['DiffReason'];
export type Publication = Schemas['PublicationOut'];
export type PhaseChange = Schemas['PhaseChangeOut'];

/**
 * This feature's cache keys. The feedback page lists and computes score runs through them too, so
 * a run computed on either page shows on both; a run's diff sits under the runs' key.
 */
export const publishKeys = {
  runs: (roundId: number) => ['score-runs', roundId] as const,
  runDiff: (roundId: number, runId: number | undefined) =>
    ['score-runs', roundId, 'diff', runId ?? 0] as const,
  publications: (roundId: number) => ['publications', roundId] as const,
  phaseHistory: (roundId: number) => ['phase-history', roundId] as const,
};

const roundPath = (roundId: number) => ({ path: { round_id: roundId } });

/** Every phase move of the round, oldest first. */
export function usePhaseHistory(roundId: number | undefined) {
  return useQuery({
    queryKey: publishKeys.phaseHistory(roundId ?? 0),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/phase-history', {
          params: roundPath(roundId ?? 0),
          signal,
        }),
      ),
    enabled: roundId !== undefined,
  });
}

/** Move the round to another phase (approver); 409 on a move the phase machine does not allow. */
export function movePhase(roundId: number, phase: Phase, note: string | undefined) {
  return unwrap(
    api.POST('/api/v1/rounds/{round_id}/phase', {
      params: roundPath(roundId),
      body: note ? { phase, note } : { phase },
    }),
  );
}

/** The round's score runs, newest first. */
export function useScoreRuns(roundId: number | undefined) {
  return useQuery({
    queryKey: publishKeys.runs(roundId ?? 0),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/score-runs', {
          params: roundPath(roundId ?? 0),
          signal,
        }),
      ),
    enabled: roundId !== undefined,
  });
}

/** Compute and keep a run of the round as it stands. */
export function createRun(roundId: number, kind: RunKind) {
  return unwrap(
    api.POST('/api/v1/rounds/{round_id}/score-runs', {
      params: roundPath(roundId),
      body: { kind },
    }),
  );
}

/** What changed from the run before (`runId` undefined: nothing is asked). */
export function useRunDiff(roundId: number, runId: number | undefined) {
  return useQuery({
    queryKey: publishKeys.runDiff(roundId, runId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/score-runs/{run_id}/diff', {
          params: { path: { round_id: roundId, run_id: runId ?? 0 } },
          signal,
        }),
      ),
    enabled: runId !== undefined,
    // Runs never change once stored, so neither does their difference.
    staleTime: Infinity,
  });
}

/** Download a run as the national DTI tables (it needs the bearer token, so fetched, then saved). */
export async function downloadRunReport(roundId: number, runId: number): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/rounds/{round_id}/score-runs/{run_id}/report.xlsx', {
      params: { path: { round_id: roundId, run_id: runId } },
      parseAs: 'blob',
    }),
  );
  saveFile(blob, `bao-cao-dti-ky-${roundId}-lan-tinh-${runId}.xlsx`);
}

/** Every published version of the round's results, newest first. */
export function usePublications(roundId: number | undefined) {
  return useQuery({
    queryKey: publishKeys.publications(roundId ?? 0),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/publications', {
          params: roundPath(roundId ?? 0),
          signal,
        }),
      ),
    enabled: roundId !== undefined,
  });
}

/** Publish a final run as the round's next version (a re-issue needs a reason). */
export function publishRun(roundId: number, scoreRunId: number, reason: string | undefined) {
  return unwrap(
    api.POST('/api/v1/rounds/{round_id}/publications', {
      params: roundPath(roundId),
      body: reason ? { score_run_id: scoreRunId, reason } : { score_run_id: scoreRunId },
    }),
  );
}

/**
 * Move the round to another phase; every page reads the round, and its phase, from the rounds
 * list, which is read again with the phase history. The dialog shows a refusal itself.
 */
export function useMovePhase(roundId: number, { onSuccess }: MutationCallbacks<Round> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ phase, note }: { phase: Phase; note?: string }) =>
      movePhase(roundId, phase, note?.trim()),
    meta: { inlineErrors: true },
    onSuccess: async (moved) => {
      await onSuccess?.(moved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: roundKeys.all }),
        queryClient.invalidateQueries({ queryKey: publishKeys.phaseHistory(roundId) }),
      ]);
    },
  });
}

/** Compute and keep a run (any kind: DIC's draft or final, or the preliminary one units see). */
export function useCreateScoreRun(
  roundId: number,
  { onSuccess }: MutationCallbacks<ScoreRun> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: RunKind) => createRun(roundId, kind),
    meta: { inlineErrors: true },
    onSuccess: async (run) => {
      await onSuccess?.(run);
      await queryClient.invalidateQueries({ queryKey: publishKeys.runs(roundId) });
    },
  });
}

export interface PublishVariables {
  runId: number;
  reason?: string | undefined;
  /** Whether the form showed the reason, so the page knows where to show its refusal. */
  reasonShown: boolean;
}

/** The API's refusals of the reason (a re-issue needs one), if that is what it refused. */
export function reasonErrors(error: unknown) {
  return error instanceof ApiError
    ? error.fieldErrors.filter((field) => field.field === 'reason')
    : [];
}

/**
 * Publish a final run. The publications, the runs, the rounds (the first publication moves the
 * round to «Đã công bố») and the phase history are read again. When the API asks for a reason,
 * a publication this page had not seen exists: the publications are read again too.
 */
export function usePublishRun(
  roundId: number,
  { onSuccess, onError }: MutationCallbacks<Publication> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, reason }: PublishVariables) =>
      publishRun(roundId, runId, reason?.trim() || undefined),
    meta: { inlineErrors: true },
    onSuccess: async (publication) => {
      await onSuccess?.(publication);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: publishKeys.publications(roundId) }),
        queryClient.invalidateQueries({ queryKey: publishKeys.runs(roundId) }),
        queryClient.invalidateQueries({ queryKey: roundKeys.all }),
        queryClient.invalidateQueries({ queryKey: publishKeys.phaseHistory(roundId) }),
      ]);
    },
    onError: (error) => {
      onError?.(error);
      if (reasonErrors(error).length > 0) {
        void queryClient.invalidateQueries({ queryKey: publishKeys.publications(roundId) });
      }
    },
  });
}

/** A published version's downloads (no sign-in needed). */
export const publicDownloadUrl = (roundId: number, version: number, format: 'csv' | 'xlsx') =>
  `/api/v1/public/rounds/${roundId}/results.${format}?version=${version}`;
