import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';

/** This feature's cache keys: the versions' list (`all`) is the prefix of each version's keys. */
export const frameworkKeys = {
  all: ['frameworks'] as const,
  criteria: (frameworkId: number | undefined, group: string | undefined) =>
    ['frameworks', frameworkId, 'criteria', group ?? null] as const,
  elements: (frameworkId: number | undefined) => ['frameworks', frameworkId, 'elements'] as const,
};

/** Every framework version (bộ chỉ số), with its maximum points per group. */
export function useFrameworks() {
  return useQuery({
    queryKey: frameworkKeys.all,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/frameworks', { params: { query: { limit: 100 } }, signal })),
    staleTime: 5 * 60_000,
  });
}

/** A framework's criteria tree, optionally only the criteria that apply to one group. */
export function useCriteria(frameworkId: number | undefined, group: string | undefined) {
  return useQuery({
    queryKey: frameworkKeys.criteria(frameworkId, group),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/frameworks/{framework_id}/criteria', {
          params: {
            path: { framework_id: frameworkId ?? 0 },
            query: group ? { group } : {},
          },
          signal,
        }),
      ),
    enabled: frameworkId !== undefined,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The data elements (chỉ tiêu số liệu) a framework's indicators read: names, types, options. */
export function useElements(frameworkId: number | undefined) {
  return useQuery({
    queryKey: frameworkKeys.elements(frameworkId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/frameworks/{framework_id}/elements', {
          params: { path: { framework_id: frameworkId ?? 0 } },
          signal,
        }),
      ),
    enabled: frameworkId !== undefined,
    staleTime: 5 * 60_000,
  });
}
