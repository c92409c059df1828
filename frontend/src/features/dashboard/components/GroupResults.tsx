import { Flex } from 'antd';
import { useMemo } from 'react';

import type { PublicGroup, PublicResults } from '@/features/public';
import { rankChanges } from '@/features/public';

import { IndexOverview } from './IndexOverview';
import { LevelDistribution } from './LevelDistribution';
import { MoversCard } from './MoversCard';

/** The results of the year before, as far as they have come. */
export type Comparison =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'failed'; error: unknown; retry: () => void }
  | { state: 'ready'; results: PublicResults };

interface GroupResultsProps {
  group: PublicGroup;
  roundId: number;
  comparison: Comparison;
}

/** One ranking group's published results: levels, movers, index. */
export function GroupResults({ group, roundId, comparison }: GroupResultsProps) {
  const previous = comparison.state === 'ready' ? comparison.results : undefined;
  const changes = useMemo(
    () => (previous ? rankChanges(group, previous) : undefined),
    [group, previous],
  );
  return (
    <Flex vertical gap="large">
      <Flex wrap gap="large" align="stretch">
        <div style={{ flex: '1 1 340px', minWidth: 0 }}>
          <LevelDistribution group={group} />
        </div>
        <div style={{ flex: '2 1 560px', minWidth: 0 }}>
          <MoversCard
            group={group}
            roundId={roundId}
            comparison={comparison}
            changes={
              changes && previous ? { year: previous.round.year, byUnit: changes } : undefined
            }
          />
        </div>
      </Flex>
      <IndexOverview group={group} roundId={roundId} />
    </Flex>
  );
}
