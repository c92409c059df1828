/** How a unit's rank moved since the previous published round (so sánh với kỳ trước). */
import type { PublicRoundItem } from './api/public';

export type RankChange =
  | { kind: 'up' | 'down'; by: number }
  | { kind: 'same' }
  /** Not ranked in that group in the previous round (new, or ranked in another group then). */
  | { kind: 'new' };

/**
 * The newest published round of an earlier year than `round` that ranks some of the same groups
 * (the City's provincial figures are no earlier year of the units' assessment).
 */
export function previousRound(
  rounds: readonly PublicRoundItem[],
  round: Pick<PublicRoundItem, 'year' | 'groups'>,
): PublicRoundItem | undefined {
  return rounds
    .filter(
      (candidate) =>
        candidate.year < round.year && candidate.groups.some((g) => round.groups.includes(g)),
    )
    .reduce<PublicRoundItem | undefined>(
      (best, candidate) => (best === undefined || candidate.year > best.year ? candidate : best),
      undefined,
    );
}

/** A group's ranking as both a publication and a score run give it. */
export interface RankedGroup {
  code: string;
  rankings: readonly { unit_code: string; rank: number }[];
}

/**
 * Each unit's change of rank in `group` against the same group of `previous` (a publication or a
 * score run), matched by unit code: a rank only compares with a rank among the same units' peers.
 */
export function rankChanges(
  group: RankedGroup,
  previous: { groups: readonly RankedGroup[] },
): Map<string, RankChange> {
  const before = new Map(
    (previous.groups.find((candidate) => candidate.code === group.code)?.rankings ?? []).map(
      (ranking) => [ranking.unit_code, ranking.rank],
    ),
  );
  return new Map(
    group.rankings.map((ranking): [string, RankChange] => {
      const earlier = before.get(ranking.unit_code);
      if (earlier === undefined) return [ranking.unit_code, { kind: 'new' }];
      const by = earlier - ranking.rank;
      if (by === 0) return [ranking.unit_code, { kind: 'same' }];
      return [ranking.unit_code, { kind: by > 0 ? 'up' : 'down', by: Math.abs(by) }];
    }),
  );
}
