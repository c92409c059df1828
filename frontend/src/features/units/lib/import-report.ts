import { ApiError } from '@/api/errors';

import type { UnitImportReport } from '../api/admin';

/** A refused apply (422 `unit_import.rejected`) carries its report beside the problem. */
export function reportOfRejection(error: unknown): UnitImportReport | undefined {
  if (!(error instanceof ApiError) || error.problem?.code !== 'unit_import.rejected')
    return undefined;
  const report = (error.problem as unknown as { report?: UnitImportReport }).report;
  return report && Array.isArray(report.errors) ? report : undefined;
}
