/**
 * Importing sector figures from a sheet (nhập số liệu): the template, the dry run and the real
 * push of a CSV/Excel file, and the list of past imports.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { ImportReport } from '@/api/types';
import { postWithProgress } from '@/api/upload';
import { saveFile } from '@/lib/save-file';

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

/** Send the sheet; a dry run answers its report (errors included) and writes nothing. */
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

export const reportsQueryKey = ['ingest-reports'] as const;

/** One page of past imports, newest first (the caller's own; DIC sees everyone's). */
export function useImportReports(offset: number, limit: number) {
  return useQuery({
    queryKey: [...reportsQueryKey, offset, limit],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/ingest/reports', { params: { query: { offset, limit } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The agencies that supply figures (for DIC's choice of template). */
export function useProviderUnits(enabled: boolean) {
  return useQuery({
    queryKey: ['units', 'providers'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', { params: { query: { is_provider: true, limit: 100 } }, signal }),
      ),
    enabled,
    staleTime: 5 * 60_000,
  });
}
