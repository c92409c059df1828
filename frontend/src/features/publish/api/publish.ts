/**
 * Taking a round to publication (công bố kết quả) over the API: the round's phase moves and their
 * history, the score runs (computing one, comparing two, the national tables as Excel) and the
 * publications (each an immutable, numbered version of a final run).
 */
import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { Phase } from '@/api/types';
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

/** The same key as the feedback page's runs, so a run computed on either page shows on both. */
export const runsQueryKey = (roundId: number) => ['score-runs', roundId] as const;
export const publicationsQueryKey = (roundId: number) => ['publications', roundId] as const;
export const phaseHistoryQueryKey = (roundId: number) => ['phase-history', roundId] as const;

const roundPath = (roundId: number) => ({ path: { round_id: roundId } });

/** Every phase move of the round, oldest first. */
export function usePhaseHistory(roundId: number | undefined) {
  return useQuery({
    queryKey: phaseHistoryQueryKey(roundId ?? 0),
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
    queryKey: runsQueryKey(roundId ?? 0),
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
    queryKey: [...runsQueryKey(roundId), 'diff', runId ?? 0],
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
    queryKey: publicationsQueryKey(roundId ?? 0),
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

/** A published version's downloads (no sign-in needed). */
export const publicDownloadUrl = (roundId: number, version: number, format: 'csv' | 'xlsx') =>
  `/api/v1/public/rounds/${roundId}/results.${format}?version=${version}`;
