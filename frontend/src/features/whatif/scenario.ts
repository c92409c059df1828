/**
 * The scenario the screen edits (a framework version and some weights or max points by criterion
 * code), turned into the API's body, and how a result row reads (rank moves, intervals).
 */
import type { Criterion, Round } from '@/api/types';

import type { ScenarioIn } from './api/whatif';

/** Edits by criterion code; a criterion takes a new weight or a new max, never both. */
export interface Edits {
  weights: Readonly<Record<string, number>>;
  maxPoints: Readonly<Record<string, number>>;
}

export const NO_EDITS: Edits = { weights: {}, maxPoints: {} };

/** Bounds the API enforces (api/whatif/schemas.py). */
export const WEIGHT_MAX = 10;
export const MAX_POINTS_MAX = 100_000;
export const SPREAD_MAX = 50;
export const SAMPLES_MAX = 1000;
export const SEED_MAX = 2 ** 31 - 1;

/** The edits with one criterion's weight (or max, with `kind: 'max'`) set, or cleared by null. */
export function withEdit(
  edits: Edits,
  code: string,
  kind: 'weight' | 'max',
  value: number | null,
): Edits {
  const key = kind === 'weight' ? 'weights' : 'maxPoints';
  const others = Object.entries(edits[key]).filter(([other]) => other !== code);
  const next = Object.fromEntries(value === null ? others : [...others, [code, value]]);
  return { ...edits, [key]: next };
}

export function editCount(edits: Edits): number {
  return Object.keys(edits.weights).length + Object.keys(edits.maxPoints).length;
}

/** The API's body: the framework chosen and only the criteria edited. */
export function scenarioBody(frameworkId: number, edits: Edits): ScenarioIn {
  const body: ScenarioIn = { framework_id: frameworkId };
  if (Object.keys(edits.weights).length > 0) body.weights = { ...edits.weights };
  if (Object.keys(edits.maxPoints).length > 0) body.max_points = { ...edits.maxPoints };
  return body;
}

/**
 * Whether a criterion's max can be set as one number for the round: a leaf always; an inner
 * criterion only if it has the same max in each of the round's groups (the API sets it through
 * the weight).
 */
export function maxEditable(criterion: Criterion, groups: readonly string[]): boolean {
  if (criterion.is_leaf) return true;
  const maxima = new Set(
    groups
      .map((group) => criterion.max_points_by_group[group])
      .filter((value): value is string => value !== undefined)
      .map(Number),
  );
  return maxima.size === 1 && !maxima.has(0);
}

/** The round to start from: the newest published (or final) one, else the newest. */
export function defaultRound(
  rounds: readonly Round[],
  groups?: readonly string[],
): Round | undefined {
  // A round of other groups (the City's provincial figures beside the units' assessment) cannot
  // be scored with the framework: prefer one that shares a group with it.
  const fits = (round: Round) => !groups || round.groups.some((group) => groups.includes(group));
  return (
    rounds.find((round) => round.phase === 'published' && fits(round)) ??
    rounds.find((round) => round.phase === 'final' && fits(round)) ??
    rounds.find(fits) ??
    rounds[0]
  );
}

export type RankMove = { kind: 'up' | 'down'; by: number } | { kind: 'same' } | { kind: 'none' };

/** A rank change as the API gives it (places gained > 0), as an arrow to draw. */
export function rankMove(change: number | null | undefined): RankMove {
  if (change === null || change === undefined) return { kind: 'none' };
  if (change === 0) return { kind: 'same' };
  return { kind: change > 0 ? 'up' : 'down', by: Math.abs(change) };
}
