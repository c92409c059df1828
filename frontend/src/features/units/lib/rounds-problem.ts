import { ApiError } from '@/api/errors';
import type { Phase } from '@/api/types';

export interface RoundInProgress {
  id: number;
  title_vi: string;
  title_en: string;
  phase: Phase;
}

/**
 * The rounds named by a 409 `unit.close_in_round` (closing units of a round being prepared or
 * collecting answers needs the admin's confirmation); none for any other error.
 */
export function roundsInProblem(error: unknown): RoundInProgress[] {
  if (!(error instanceof ApiError) || error.problem?.code !== 'unit.close_in_round') return [];
  const rounds = (error.problem as unknown as { rounds?: unknown }).rounds;
  return Array.isArray(rounds) ? (rounds as RoundInProgress[]) : [];
}
