import type { UserImportReport } from '@/api/types';

/** Where the chosen sheet stands: being sent, checked (dry run), applied, or refused. */
export type ImportStage =
  | { kind: 'idle' }
  | { kind: 'checking' | 'applying'; file: File; percent: number }
  | { kind: 'checked'; file: File; report: UserImportReport }
  | { kind: 'applied'; file: File; report: UserImportReport }
  | { kind: 'failed'; file: File; error: unknown; report?: UserImportReport | undefined };

/** Whether the checked sheet may be applied: checked, and not one row at fault. */
export function canApply(stage: ImportStage): boolean {
  return stage.kind === 'checked' && stage.report.status === 'validated';
}

/** The report to show for a stage, if any (a refused apply carries its own). */
export function reportOf(stage: ImportStage): UserImportReport | undefined {
  if (stage.kind === 'checked' || stage.kind === 'applied') return stage.report;
  if (stage.kind === 'failed') return stage.report;
  return undefined;
}
