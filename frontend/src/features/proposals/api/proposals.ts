/**
 * The units' proposals (đề xuất) over the API: a unit files one (then its file) and reads its
 * own; DIC lists every unit's with filters, answers each (accepted into a draft, declined with a
 * reason, a duplicate) and exports the list to Excel for the City.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import { postWithProgress } from '@/api/upload';
import { proposalLinksKey } from '@/features/frameworks';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';
import { saveFile } from '@/lib/save-file';

type Schemas = components['schemas'];

export type Proposal = Schemas['ProposalOut'];
export type ProposalKind = Schemas['ProposalKind'];
export type ProposalStatus = Schemas['ProposalStatus'];
export type ProposalBody = Schemas['ProposalIn'];
export type TriageBody = Schemas['TriageIn'];
export type Decision = TriageBody['decision'];

export const PROPOSAL_KINDS: readonly ProposalKind[] = ['change', 'new', 'remove'];
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  'submitted',
  'accepted',
  'declined',
  'duplicate',
];

/** DIC's filters of the list (a unit's list is its own whatever it asks). */
export interface ProposalFilter {
  status?: ProposalStatus | undefined;
  unit?: string | undefined;
  frameworkId?: number | undefined;
  criterionCode?: string | undefined;
}

const ALL = ['proposals'] as const;

/** This feature's cache keys: every list and proposal starts with `all`. */
export const proposalKeys = {
  all: ALL,
  list: (filter: ProposalFilter, offset: number, limit: number) =>
    [...ALL, 'list', filter, offset, limit] as const,
  one: (id: number | undefined) => [...ALL, 'one', id ?? 0] as const,
};

function filterQuery(filter: ProposalFilter) {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.unit ? { unit: filter.unit } : {}),
    ...(filter.frameworkId ? { framework_id: filter.frameworkId } : {}),
    ...(filter.criterionCode ? { criterion_code: filter.criterionCode } : {}),
  };
}

/** A page of proposals, newest first. */
export function useProposals(filter: ProposalFilter, offset: number, limit: number) {
  return useQuery({
    queryKey: proposalKeys.list(filter, offset, limit),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/proposals', {
          params: { query: { ...filterQuery(filter), offset, limit } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One proposal (a link to it opens DIC's drawer). */
export function useProposal(id: number | undefined) {
  return useQuery({
    queryKey: proposalKeys.one(id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/proposals/{proposal_id}', {
          params: { path: { proposal_id: id ?? 0 } },
          signal,
        }),
      ),
    enabled: id !== undefined,
  });
}

/** Download the filtered list as Excel (DIC). */
export async function exportProposals(filter: ProposalFilter): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/proposals.xlsx', { params: { query: filterQuery(filter) }, parseAs: 'blob' }),
  );
  saveFile(blob, 'de-xuat.xlsx');
}

/** Download a proposal's file (it needs the bearer token: fetched, then saved). */
export async function downloadAttachment(proposalId: number, filename: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/proposals/{proposal_id}/attachment', {
      params: { path: { proposal_id: proposalId } },
      parseAs: 'blob',
    }),
  );
  saveFile(blob, filename);
}

export interface ProposalFiling {
  body: ProposalBody;
  /** At most one file, sent once the proposal is filed. */
  file?: File | undefined;
  /** 0–100, as the file's bytes go out. */
  onProgress: (percent: number) => void;
  /** The file failed: the proposal itself is filed and stays so. */
  onFileFailed: (error: unknown) => void;
}

/** Attach the proposal's file; resolves with the proposal, or throws the API's problem. */
export function uploadAttachment(
  proposalId: number,
  file: File,
  onProgress: (percent: number) => void,
) {
  const form = new FormData();
  form.append('file', file, file.name);
  return postWithProgress<Proposal>({
    path: `/api/v1/proposals/${proposalId}/attachment`,
    body: form,
    onProgress,
  });
}

/** The unit files a proposal, then its file; its list is read again. The form shows a refusal. */
export function useFileProposal({ onSuccess }: MutationCallbacks<Proposal> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file, onProgress, onFileFailed }: ProposalFiling) => {
      let filed = await unwrap(api.POST('/api/v1/proposals', { body }));
      if (file) {
        onProgress(0);
        try {
          filed = await uploadAttachment(filed.id, file, onProgress);
        } catch (failure) {
          onFileFailed(failure);
        }
      }
      return filed;
    },
    meta: { inlineErrors: true },
    onSuccess: async (filed) => {
      await onSuccess?.(filed);
      await queryClient.invalidateQueries({ queryKey: proposalKeys.all });
    },
  });
}

/**
 * DIC answers a proposal; the lists and the linked proposals of the drafts involved (the one it
 * was linked to before, and the one now) are read again. The drawer's form shows a refusal.
 */
export function useTriageProposal(
  proposal: Pick<Proposal, 'id' | 'target_framework_id'>,
  { onSuccess }: MutationCallbacks<Proposal> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TriageBody) =>
      unwrap(
        api.POST('/api/v1/proposals/{proposal_id}/triage', {
          params: { path: { proposal_id: proposal.id } },
          body,
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (answered) => {
      await onSuccess?.(answered);
      const drafts = new Set(
        [proposal.target_framework_id, answered.target_framework_id].filter(
          (id): id is number => typeof id === 'number',
        ),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: proposalKeys.all }),
        ...[...drafts].map((id) =>
          queryClient.invalidateQueries({ queryKey: proposalLinksKey(id) }),
        ),
      ]);
    },
  });
}
