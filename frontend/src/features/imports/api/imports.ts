/**
 * Importing sector figures from a sheet (nhập số liệu): the template, the dry run and the real
 * push of a CSV/Excel file, a large import running in the background (its progress, cancelling
 * it), a report's row errors page by page, and the list of past imports.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { ImportReport, ImportSummary } from '@/api/types';
import { postWithProgress } from '@/api/upload';
import { assessmentKeys } from '@/features/assessment';
import { saveFile } from '@/lib/save-file';

const REPORTS = ['ingest-reports'] as const;

/** This feature's cache keys: the pages of past imports, and the agencies that supply figures. */
export const importKeys = {
  reports: REPORTS,
  reportPage: (offset: number, limit: number) => [...REPORTS, offset, limit] as const,
  report: (reportId: number) => [...REPORTS, 'one', reportId] as const,
  errors: (reportId: number, offset: number, limit: number) =>
    [...REPORTS, 'errors', reportId, offset, limit] as const,
  providers: ['units', 'providers'] as const,
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the importer reads, judged by the file's name (browsers often give CSV no type). */
export function sheetType(file: Pick<File, 'name'>): 'text/csv' | typeof XLSX_TYPE | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

export interface PushRequest {
  roundId: number;
  file: File;
  dryRun: boolean;
  /** The same key on a retry of one apply: the server applies the batch once. */
  idempotencyKey?: string;
  onProgress: (percent: number) => void;
}

/** How often a running import's report is read again. */
export const PROGRESS_POLL_MS = 1000;

/** An import still in the background (a large sheet): queued, or being checked. */
export function isRunning(report: Pick<ImportSummary, 'status'>): boolean {
  return report.status === 'queued' || report.status === 'running';
}

/**
 * Send the sheet; a dry run answers its report (errors included) and writes nothing. A large
 * sheet is answered at once with a queued report: it runs in the background (`useImportReport`).
 */
export function pushSheet({ roundId, file, dryRun, idempotencyKey, onProgress }: PushRequest) {
  const type = sheetType(file) ?? 'application/octet-stream';
  const query = new URLSearchParams({ round_id: String(roundId), dry_run: String(dryRun) });
  return postWithProgress<ImportReport>({
    path: `/api/v1/ingest/values?${query.toString()}`,
    body: file,
    headers: {
      'Content-Type': type,
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    },
    onProgress,
  });
}

/**
 * Send a sheet (see `pushSheet`). Every push, dry run or not, joins the past imports; one applied
 * changes the figures that every assessment and score preview of the round reads. The page shows
 * the report, or the refusal, in place.
 */
export function usePushSheet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: pushSheet,
    meta: { inlineErrors: true },
    onSuccess: (_report, { dryRun }) => {
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: importKeys.reports }),
  });
}

/** What a background import's end changes: the figures (when applied) and the past imports. */
export function useImportFinished() {
  const queryClient = useQueryClient();
  return (report: Pick<ImportSummary, 'status'>) => {
    if (report.status === 'applied')
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    void queryClient.invalidateQueries({ queryKey: importKeys.reports });
  };
}

/** Download the template of the round (DIC may pick one agency). */
export async function downloadTemplate(roundId: number, providerCode?: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/ingest/template', {
      params: {
        query: { round_id: roundId, ...(providerCode ? { provider_code: providerCode } : {}) },
      },
      parseAs: 'blob',
    }),
  );
  const suffix = providerCode ? `-${providerCode}` : '';
  saveFile(blob, `mau-nhap-so-lieu-ky-${roundId}${suffix}.xlsx`);
}

/** One page of past imports, newest first (the caller's own; DIC sees everyone's). */
export function useImportReports(offset: number, limit: number) {
  return useQuery({
    queryKey: importKeys.reportPage(offset, limit),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/ingest/reports', { params: { query: { offset, limit } }, signal })),
    placeholderData: keepPreviousData,
    // An import running in the background shows its progress in the list too.
    refetchInterval: (query) =>
      query.state.data?.items.some(isRunning) ? PROGRESS_POLL_MS : false,
  });
}

/** The agencies that supply figures (for DIC's choice of template). */
export function useProviderUnits(enabled: boolean) {
  return useQuery({
    queryKey: importKeys.providers,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', { params: { query: { is_provider: true, limit: 100 } }, signal }),
      ),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** One import's report, read again every second while it runs in the background. */
export function useImportReport(reportId: number | undefined) {
  return useQuery({
    queryKey: importKeys.report(reportId ?? 0),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/ingest/reports/{report_id}', {
          params: { path: { report_id: reportId ?? 0 } },
          signal,
        }),
      ),
    enabled: reportId !== undefined,
    refetchInterval: (query) =>
      query.state.data && isRunning(query.state.data) ? PROGRESS_POLL_MS : false,
  });
}

/** One page of a report's row errors (the server keeps the first 1,000 of a batch). */
export function useReportErrors(reportId: number, offset: number, limit: number) {
  return useQuery({
    queryKey: importKeys.errors(reportId, offset, limit),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/ingest/reports/{report_id}/errors', {
          params: { path: { report_id: reportId }, query: { offset, limit } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Cancel an import running in the background (nothing of it is written). */
export function useCancelImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reportId: number) =>
      unwrap(
        api.POST('/api/v1/ingest/reports/{report_id}/cancel', {
          params: { path: { report_id: reportId } },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: importKeys.reports }),
  });
}
