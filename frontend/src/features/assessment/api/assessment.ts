/**
 * A unit's self-assessment (bài tự đánh giá) over the API. Every write carries the assessment's
 * ETag in If-Match, so two people editing the same unit never overwrite each other silently: the
 * query keeps the ETag beside the assessment, and each write stores the new pair it answers.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap, unwrapResponse } from '@/api/client';
import type { Assessment } from '@/api/types';
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

// One entry per assessment, whatever the language: its ETag must be the one the last write
// returned. (`missing` comes translated: the editor reads it again when the language changes.)
export const assessmentQueryKey = (roundId: number, unitCode: string) =>
  ['assessments', roundId, unitCode] as const;

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
    queryKey: assessmentQueryKey(roundId, unitCode),
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
    queryKey: ['assessments', roundId, unitCode, 'history', indicatorCode],
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
