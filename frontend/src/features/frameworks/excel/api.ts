/** A framework's Excel round trip: download a version's workbook, send an edited one back. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { postWithProgress } from '@/api/upload';
import { saveFile } from '@/lib/save-file';

import { frameworkKeys } from '../api/frameworks';

export type FrameworkImportReport = components['schemas']['FrameworkImportReport'];
export type ImportRowError = components['schemas']['FrameworkImportRowError'];
export type ImportDiff = components['schemas']['FrameworkImportDiff'];
export type CriterionChange = components['schemas']['CriterionDiff'];

/** Download a framework version as Excel (the appendix, and the sheets to edit and import). */
export async function downloadFrameworkXlsx(frameworkId: number, code: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/frameworks/{framework_id}/export.xlsx', {
      params: { path: { framework_id: frameworkId } },
      parseAs: 'blob',
    }),
  );
  saveFile(blob, `${code}.xlsx`);
}

/** What the admin may change on import: a new code and titles for the draft. */
export interface ImportOverrides {
  code?: string;
  title_vi?: string;
  title_en?: string;
}

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  baseId?: number | undefined;
  overrides: ImportOverrides;
}

/** Send the workbook: a dry run answers the preview and writes nothing. */
export function sendFrameworkImport({ file, dryRun, baseId, overrides }: ImportRequest) {
  const form = new FormData();
  form.append('file', file);
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === 'string' && value.trim()) form.append(key, value.trim());
  }
  const query = new URLSearchParams({ dry_run: String(dryRun) });
  if (baseId !== undefined) query.set('base_id', String(baseId));
  return postWithProgress<FrameworkImportReport>({
    path: `/api/v1/frameworks/import.xlsx?${query.toString()}`,
    body: form,
    onProgress: () => undefined,
  });
}

export function useImportFramework() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendFrameworkImport,
    meta: { inlineErrors: true },
    onSuccess: (_report, { dryRun }) => {
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: frameworkKeys.all });
    },
  });
}

/** A refused apply (422 `framework_excel.rejected`) carries its report beside the problem. */
export function reportOfRejection(error: unknown): FrameworkImportReport | undefined {
  if (!(error instanceof ApiError) || error.problem?.code !== 'framework_excel.rejected') return;
  const report = (error.problem as unknown as { report?: FrameworkImportReport }).report;
  return report && Array.isArray(report.errors) ? report : undefined;
}
