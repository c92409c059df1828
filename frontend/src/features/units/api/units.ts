import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';

export interface UnitFilter {
  group?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

/** This feature's cache keys: the pages of units by filter, and the ranking groups. */
export const unitKeys = {
  list: (filter: UnitFilter) => ['units', filter] as const,
  groups: ['unit-groups'] as const,
};

/** One page of units, optionally of one group and matching a search. */
export function useUnits(filter: UnitFilter) {
  return useQuery({
    queryKey: unitKeys.list(filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', {
          params: {
            query: {
              limit: filter.limit,
              offset: filter.offset,
              ...(filter.group ? { group: filter.group } : {}),
              ...(filter.q ? { q: filter.q } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The ranking groups (nhóm xếp hạng), with how many units each holds. */
export function useUnitGroups() {
  return useQuery({
    queryKey: unitKeys.groups,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/unit-groups', { signal })),
    staleTime: 5 * 60_000,
  });
}
