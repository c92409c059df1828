import type { Role } from '@/api/types';

/** Where a unit's assessment in a round is read (DIC) or, for the unit's own staff, edited. */
export function assessmentPath(roundId: number, unitCode: string): string {
  return `/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/assessment`;
}

/** Who reads any unit's assessment (the API's DIC roles; a viewer does not). */
export const ASSESSMENT_READER_ROLES: readonly Role[] = ['admin', 'approver', 'evaluator'];
