/** The dashboard's figures, worked out from the progress and the published results. */
import type { SubmissionStatus } from '@/api/types';
import type { PublicGroup, PublicRanking, RankChange } from '@/features/public';

/** The submission statuses in the order a unit goes through them. */
export const STATUSES: readonly SubmissionStatus[] = [
  'not_started',
  'in_progress',
  'submitted',
  'returned',
  'resubmitted',
  'accepted',
];

export type StatusCounts = Record<SubmissionStatus, number>;

function noCounts(): StatusCounts {
  return {
    not_started: 0,
    in_progress: 0,
    submitted: 0,
    returned: 0,
    resubmitted: 0,
    accepted: 0,
  };
}

/** How many units of each group are at each status. */
export function statusCounts(
  units: readonly { group: string; status: SubmissionStatus }[],
): Map<string, StatusCounts> {
  const counts = new Map<string, StatusCounts>();
  for (const unit of units) {
    const group = counts.get(unit.group) ?? noCounts();
    group[unit.status] += 1;
    counts.set(unit.group, group);
  }
  return counts;
}

/** The sum of several groups' counts. */
export function totalCounts(groups: Iterable<StatusCounts>): StatusCounts {
  const total = noCounts();
  for (const counts of groups) {
    for (const status of STATUSES) total[status] += counts[status];
  }
  return total;
}

export interface Mover {
  ranking: PublicRanking;
  change: Extract<RankChange, { by: number }>;
}

export interface Movers {
  up: Mover[];
  down: Mover[];
  /** Units ranked now but not in the group the year before (not compared). */
  newCount: number;
}

/**
 * The `limit` units of `group` that rose most and the `limit` that fell most against the previous
 * year (by places; then by current rank, then code, so the list is stable). Unchanged and new units
 * are in neither list.
 */
export function movers(
  group: PublicGroup,
  changes: ReadonlyMap<string, RankChange>,
  limit = 5,
): Movers {
  const up: Mover[] = [];
  const down: Mover[] = [];
  let newCount = 0;
  for (const ranking of group.rankings) {
    const change = changes.get(ranking.unit_code);
    if (change === undefined || change.kind === 'new') newCount += 1;
    else if (change.kind === 'up') up.push({ ranking, change });
    else if (change.kind === 'down') down.push({ ranking, change });
  }
  const order = (a: Mover, b: Mover) =>
    b.change.by - a.change.by ||
    a.ranking.rank - b.ranking.rank ||
    a.ranking.unit_code.localeCompare(b.ranking.unit_code);
  return { up: up.sort(order).slice(0, limit), down: down.sort(order).slice(0, limit), newCount };
}

/** An index (4 decimals, "0.7600") in ten-thousandths, a whole number. */
function tenThousandths(index: string): number {
  return Math.round(Number(index) * 10_000);
}

export interface IndexStats {
  /** The median index, as the API writes an index ("0.7600"). */
  median: string;
  best: { index: string; units: PublicRanking[] };
  lowest: { index: string; units: PublicRanking[] };
}

/**
 * A group's median, highest and lowest index, and which units have the highest and the lowest;
 * undefined for a group nobody is ranked in. The median of an even count is the mean of the middle
 * two, rounded half up to 4 decimals (in whole ten-thousandths, so no float drift).
 */
export function indexStats(rankings: readonly PublicRanking[]): IndexStats | undefined {
  if (rankings.length === 0) return undefined;
  const values = rankings.map((ranking) => tenThousandths(ranking.index)).sort((a, b) => a - b);
  const middle = Math.floor(values.length / 2);
  const median =
    values.length % 2 === 1
      ? (values[middle] ?? 0)
      : Math.round(((values[middle - 1] ?? 0) + (values[middle] ?? 0)) / 2);
  const highest = values[values.length - 1] ?? 0;
  const lowest = values[0] ?? 0;
  const at = (value: number) =>
    rankings.filter((ranking) => tenThousandths(ranking.index) === value);
  const text = (value: number) => (value / 10_000).toFixed(4);
  return {
    median: text(median),
    best: { index: text(highest), units: at(highest) },
    lowest: { index: text(lowest), units: at(lowest) },
  };
}
