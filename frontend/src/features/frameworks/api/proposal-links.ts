/**
 * The units' proposals (đề xuất) accepted into a draft version, by the criterion code each one is
 * linked to: what the draft's diff shows beside each change. The proposals themselves (filing,
 * triage) are the proposals feature's; this read belongs to the framework it describes.
 */
import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';

export type ProposalLink = components['schemas']['ProposalLinkOut'];

/** Cache key of a version's linked proposals (the proposals feature refreshes it on a triage). */
export const proposalLinksKey = (frameworkId: number | undefined) =>
  ['frameworks', frameworkId ?? 0, 'proposals'] as const;

/** Every proposal accepted into the version, fetched once for all its criteria. */
export function useFrameworkProposals(frameworkId: number | undefined) {
  return useQuery({
    queryKey: proposalLinksKey(frameworkId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/frameworks/{framework_id}/proposals', {
          params: { path: { framework_id: frameworkId ?? 0 } },
          signal,
        }),
      ),
    enabled: frameworkId !== undefined,
    staleTime: 60_000,
  });
}

/** The proposals linked to one criterion code of the version. */
export function linksFor(links: readonly ProposalLink[] | undefined, code: string): ProposalLink[] {
  return (links ?? []).filter((link) => link.target_criterion_code === code);
}
