/**
 * A unit's self-assessment (bài tự đánh giá) over the API. Every write carries the assessment's
 * ETag in If-Match, so two people editing the same unit never overwrite each other silently: the
 * query keeps the ETag beside the assessment, and each write stores the new pair it answers.
 */
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import { api, unwrap, unwrapResponse } from '@/api/client';
import { ApiError } from '@/api/errors';
import type { Assessment } from '@/api/types';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';
import { saveFile } from '@/lib/save-file';

/** The assessment as last read or written, with the ETag to send on the next write. */
export interface AssessmentState {
  assessment: Assessment;
  etag: string;
}

export type AnswerValue = boolean | number | string | null;

export interface AnswerPayload {
  inputs: Record<string, AnswerValue>;
  note: string | null;
}

const ALL = ['assessments'] as const;

/**
 * This feature's cache keys. A unit's answer histories sit under its assessment's key, so
 * invalidating the assessment refreshes them too; `all` covers every unit's (e.g. after an import).
 */
export const assessmentKeys = {
  all: ALL,
  // One entry per assessment, whatever the language: its ETag must be the one the last write
  // returned. (`missing` comes translated: the editor reads it again when the language changes.)
  detail: (roundId: number, unitCode: string) => [...ALL, roundId, unitCode] as const,
  history: (roundId: number, unitCode: string, indicatorCode: string | null) =>
    [...ALL, roundId, unitCode, 'history', indicatorCode] as const,
};

function path(roundId: number, unitCode: string) {
  return { round_id: roundId, unit_code: unitCode };
}

function stateOf({ data, response }: { data: Assessment; response: Response }): AssessmentState {
  return { assessment: data, etag: response.headers.get('ETag') ?? '' };
}

/**
 * Keep the newer of two states: every write bumps the version, so a read that started before a
 * write and answered after it must not put the older assessment back on screen.
 */
export function newerState(
  previous: AssessmentState | undefined,
  next: AssessmentState,
): AssessmentState {
  return previous && previous.assessment.version > next.assessment.version ? previous : next;
}

export function assessmentQuery(roundId: number, unitCode: string) {
  return queryOptions({
    queryKey: assessmentKeys.detail(roundId, unitCode),
    queryFn: async ({ signal }) =>
      stateOf(
        await unwrapResponse(
          api.GET('/api/v1/rounds/{round_id}/units/{unit_code}/assessment', {
            params: { path: path(roundId, unitCode) },
            signal,
          }),
        ),
      ),
    structuralSharing: (previous: unknown, next: unknown) =>
      newerState(previous as AssessmentState | undefined, next as AssessmentState),
  });
}

export function useAssessment(roundId: number | undefined, unitCode: string | undefined) {
  return useQuery({
    ...assessmentQuery(roundId ?? 0, unitCode ?? ''),
    enabled: roundId !== undefined && Boolean(unitCode),
  });
}

export async function saveAnswer(
  roundId: number,
  unitCode: string,
  indicatorCode: string,
  payload: AnswerPayload,
  etag: string,
): Promise<AssessmentState> {
  return stateOf(
    await unwrapResponse(
      api.PUT('/api/v1/rounds/{round_id}/units/{unit_code}/answers/{indicator_code}', {
        params: { path: { ...path(roundId, unitCode), indicator_code: indicatorCode } },
        headers: { 'If-Match': etag },
        body: payload,
      }),
    ),
  );
}

export async function submitAssessment(
  roundId: number,
  unitCode: string,
  etag: string,
): Promise<AssessmentState> {
  return stateOf(
    await unwrapResponse(
      api.POST('/api/v1/rounds/{round_id}/units/{unit_code}/submit', {
        params: { path: path(roundId, unitCode) },
        headers: { 'If-Match': etag },
      }),
    ),
  );
}

/**
 * The writes to one assessment, run one after another so that each sends the ETag the previous one
 * returned, and the state each answered kept in the cache (`useAnswerEditor` provides them).
 */
export interface AssessmentWriter {
  write: <T>(task: () => Promise<T>) => Promise<T>;
  store: (state: AssessmentState) => void;
  reload: () => Promise<unknown>;
  etag: () => string;
}

/**
 * The head's sign-off and submission (ký duyệt và nộp), queued behind the saves. The answer is
 * kept as the new state; when the API refuses because what is missing, or the version, moved on
 * (409, 412, 422), the assessment is read again. The dialog shows the error itself.
 */
export function useSubmitAssessment(
  roundId: number,
  unitCode: string,
  writer: AssessmentWriter,
  { onSuccess }: MutationCallbacks<AssessmentState> = {},
) {
  return useMutation({
    mutationFn: () =>
      writer.write(async () => {
        const next = await submitAssessment(roundId, unitCode, writer.etag());
        writer.store(next);
        return next;
      }),
    meta: { inlineErrors: true },
    onSuccess: async (state) => {
      await onSuccess?.(state);
    },
    onError: (error) => {
      if (error instanceof ApiError && [409, 412, 422].includes(error.status)) {
        void writer.write(writer.reload);
      }
    },
  });
}

export async function unlinkEvidence(
  roundId: number,
  unitCode: string,
  evidenceId: number,
): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/rounds/{round_id}/units/{unit_code}/evidence/{evidence_id}', {
      params: { path: { ...path(roundId, unitCode), evidence_id: evidenceId } },
    }),
  );
}

/** An evidence file's bytes (fetched with the bearer token), e.g. to preview it. */
export function fetchEvidence(evidenceId: number, signal?: AbortSignal): Promise<Blob> {
  return unwrap(
    api.GET('/api/v1/evidence/{evidence_id}', {
      params: { path: { evidence_id: evidenceId } },
      parseAs: 'blob',
      signal,
    }),
  );
}

/** Download an evidence file (it needs the bearer token, so it is fetched and then saved). */
export async function downloadEvidence(evidenceId: number, filename: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/evidence/{evidence_id}', {
      params: { path: { evidence_id: evidenceId } },
      parseAs: 'blob',
    }),
  );
  saveFile(blob, filename);
}

/** Every change of one answer: who, when, from which source, old and new value. */
export function useAnswerHistory(roundId: number, unitCode: string, indicatorCode: string | null) {
  return useQuery({
    queryKey: assessmentKeys.history(roundId, unitCode, indicatorCode),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/units/{unit_code}/answers/{indicator_code}/history', {
          params: { path: { ...path(roundId, unitCode), indicator_code: indicatorCode ?? '' } },
          signal,
        }),
      ),
    enabled: indicatorCode !== null,
  });
}
