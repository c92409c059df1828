import type { Phase, Round } from '@/api/types';

/** A round's phases in order (giai đoạn): the steps the page shows. */
export const PHASES: readonly Phase[] = [
  'draft',
  'collecting',
  'reviewing',
  'preliminary',
  'final',
  'published',
];

export interface PhaseMoves {
  /** Onward moves, in the order the API lists them. */
  forward: Phase[];
  /** Moves back to an earlier phase (to collect again, or to reopen a published round to correct it). */
  backward: Phase[];
}

/**
 * The moves the approver may make by hand from the round's phase, as the API lists them
 * (`next_phases`), less `published`: only publishing a final run takes a round there.
 */
export function phaseMoves(round: Pick<Round, 'phase' | 'next_phases'>): PhaseMoves {
  const at = PHASES.indexOf(round.phase);
  const moves = round.next_phases.filter((phase) => phase !== 'published');
  return {
    forward: moves.filter((phase) => PHASES.indexOf(phase) > at),
    backward: moves.filter((phase) => PHASES.indexOf(phase) < at),
  };
}
