/**
 * The progress of a round (tiến độ): each unit's status, answered and evidence percentages,
 * returned answers, last activity and deadline, and a summary per ranking group; and its Excel file.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { saveFile } from '@/lib/save-file';

/** This feature's cache keys: a round's progress, of one group or (null) of all. */
export const progressKeys = {
  round: (roundId: number | undefined, group: string | undefined) =>
    ['progress', roundId, group ?? null] as const,
};

/** The round's progress, of one ranking group or (no group) of all. */
export function useProgress(roundId: number | undefined, group?: string) {
  return useQuery({
    queryKey: progressKeys.round(roundId, group),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rounds/{round_id}/progress', {
          params: { path: { round_id: roundId ?? 0 }, query: group ? { group } : {} },
          signal,
        }),
      ),
    enabled: roundId !== undefined,
    placeholderData: keepPreviousData,
    // Units keep answering while DIC watches: refresh when the tab comes back.
    refetchOnWindowFocus: true,
  });
}

/** Download the progress table as Excel (the same group as on screen). */
export async function downloadProgress(roundId: number, group?: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/rounds/{round_id}/progress.xlsx', {
      params: { path: { round_id: roundId }, query: group ? { group } : {} },
      parseAs: 'blob',
    }),
  );
  const suffix = group ? `-${group}` : '';
  saveFile(blob, `tien-do-ky-${roundId}${suffix}.xlsx`);
}
