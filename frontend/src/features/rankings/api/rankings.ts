/**
 * A score run's rankings over the API (DIC): every group's ranking with each unit's level, points
 * and pillars. Runs never change once stored, so neither do their rankings.
 */
import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type RunResults = Schemas['RunResultsOut'];
export type RunGroup = Schemas['GroupRanking'];
export type RunRanking = Schemas['RankingRow'];

export const rankingKeys = {
  results: (roundId: number, runId: number | undefined) =>
    ['score-runs', roundId, 'results', runId ?? 0] as const,
};

/** The run's rankings by group (`runId` undefined: nothing is asked). */
export function useRunResults(roundId: number, runId: number | undefined) {
  return useQuery({
    queryKey: rankingKeys.results(roundId, runId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/score-runs/{run_id}/results', {
          params: { path: { round_id: roundId, run_id: runId ?? 0 } },
          signal,
        }),
      ),
    enabled: runId !== undefined,
    staleTime: Infinity,
  });
}
