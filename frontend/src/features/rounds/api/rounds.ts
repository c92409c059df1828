import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';

/** The rounds list is one entry: every page reads a round, and its phase, from it. */
export const roundKeys = { all: ['rounds'] as const };

/** Every round (kỳ đánh giá) the user may see, newest first as the API orders them. */
export function useRounds(enabled = true) {
  return useQuery({
    queryKey: roundKeys.all,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/rounds', { params: { query: { limit: 100 } }, signal })),
    enabled,
    staleTime: 60_000,
  });
}
