/**
 * The selected round's published results, read through the public API as anyone reads them, and
 * those of the newest earlier year, to compare ranks with.
 */
import { previousRound, usePublicResults, usePublicRounds } from '@/features/public';

/** Whether `roundId` is published (it is in the public list), its latest results, the year before. */
export function usePublishedRound(roundId: number) {
  // Fresh: a DIC user who has just published reads the new list, not the browser's copy.
  const rounds = usePublicRounds({ fresh: true });
  const items = rounds.data?.items ?? [];
  const item = items.find((candidate) => candidate.id === roundId);
  const results = usePublicResults(item?.id, undefined, { fresh: true });
  const previous = item ? previousRound(items, item) : undefined;
  const previousResults = usePublicResults(previous?.id, undefined, { fresh: true });
  return { rounds, item, results, previous, previousResults };
}
