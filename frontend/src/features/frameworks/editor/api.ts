/**
 * The framework editor over the API (admin): a draft's document with the ETag it was read at,
 * saving it with If-Match (412 when someone else saved first), creating, cloning, activating and
 * deleting versions, the engine's worked example of a rule, and the diff of two versions.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap, unwrapResponse } from '@/api/client';
import type { components } from '@/api/schema';
import type { Framework } from '@/api/types';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

import { frameworkKeys } from '../api/frameworks';
import type { DocumentInput, FrameworkDoc } from './document';

type Schemas = components['schemas'];

export type RulePreviewRequest = Schemas['RulePreviewRequest'];
export type RulePreview = Schemas['RulePreviewOut'];
export type FrameworkDiff = Schemas['FrameworkDiff'];
export type CriterionChange = Schemas['CriterionDiff'];
export type GroupMax = Schemas['GroupMax'];
export type CloneRequest = Schemas['CloneRequest'];

export const editorKeys = {
  document: (frameworkId: number) => ['frameworks', frameworkId, 'editor-document'] as const,
  preview: (body: RulePreviewRequest) => ['frameworks', 'rule-preview', body] as const,
  diff: (baseId: number, targetId: number) => ['frameworks', targetId, 'diff', baseId] as const,
};

const byId = (frameworkId: number) => ({ path: { framework_id: frameworkId } });

/** What the editor edits: the version, its document, and the ETag both were read at. */
export interface EditedFramework {
  framework: Framework;
  document: FrameworkDoc;
  etag: string;
}

async function readForEditing(frameworkId: number, signal?: AbortSignal) {
  // The ETag first: if the document changes between the two reads, the save answers 412 rather
  // than overwrite the newer one.
  const { data: framework, response } = await unwrapResponse(
    api.GET('/api/v1/frameworks/{framework_id}', { params: byId(frameworkId), signal }),
  );
  const document = await unwrap(
    api.GET('/api/v1/frameworks/{framework_id}/document', { params: byId(frameworkId), signal }),
  );
  return { framework, document, etag: response.headers.get('ETag') ?? '' };
}

export function useEditedFramework(frameworkId: number) {
  return useQuery({
    queryKey: editorKeys.document(frameworkId),
    queryFn: ({ signal }): Promise<EditedFramework> => readForEditing(frameworkId, signal),
    // The page holds the edits; a background refetch must not replace what it started from.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useSaveDocument(
  frameworkId: number,
  { onSuccess }: MutationCallbacks<{ framework: Framework; etag: string }> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ document, etag }: { document: DocumentInput; etag: string }) => {
      const { data, response } = await unwrapResponse(
        api.PUT('/api/v1/frameworks/{framework_id}', {
          params: byId(frameworkId),
          headers: { 'If-Match': etag },
          body: document,
        }),
      );
      return { framework: data, etag: response.headers.get('ETag') ?? '' };
    },
    meta: { inlineErrors: true },
    onSuccess: async (saved) => {
      await onSuccess?.(saved);
      // Everything about frameworks but the editor's own copy, which the page now holds.
      await queryClient.invalidateQueries({
        queryKey: frameworkKeys.all,
        predicate: (query) => query.queryKey[2] !== 'editor-document',
      });
    },
  });
}

export function useCreateFramework({ onSuccess }: MutationCallbacks<Framework> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: DocumentInput) =>
      unwrap(api.POST('/api/v1/frameworks', { body: document })),
    meta: { inlineErrors: true },
    onSuccess: async (created) => {
      await onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: frameworkKeys.all });
    },
  });
}

export function useCloneFramework({ onSuccess }: MutationCallbacks<Framework> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, body }: { sourceId: number; body: CloneRequest }) =>
      unwrap(api.POST('/api/v1/frameworks/{framework_id}/clone', { params: byId(sourceId), body })),
    meta: { inlineErrors: true },
    onSuccess: async (created) => {
      await onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: frameworkKeys.all });
    },
  });
}

export function useSetStatus(
  frameworkId: number,
  { onSuccess }: MutationCallbacks<Framework> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: Framework['status']) =>
      unwrap(
        api.POST('/api/v1/frameworks/{framework_id}/status', {
          params: byId(frameworkId),
          body: { status },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (changed) => {
      await onSuccess?.(changed);
      await queryClient.invalidateQueries({ queryKey: frameworkKeys.all });
    },
  });
}

export function useDeleteFramework(
  frameworkId: number,
  { onSuccess }: MutationCallbacks<void> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.DELETE('/api/v1/frameworks/{framework_id}', { params: byId(frameworkId) }));
    },
    meta: { inlineErrors: true },
    onSuccess: async () => {
      await onSuccess?.();
      queryClient.removeQueries({ queryKey: editorKeys.document(frameworkId) });
      await queryClient.invalidateQueries({ queryKey: frameworkKeys.all });
    },
  });
}

/** The engine's points for example values of a rule; a 422 names the rule's field at fault. */
export function useRulePreview(body: RulePreviewRequest | null) {
  return useQuery({
    queryKey: editorKeys.preview(body ?? ({} as RulePreviewRequest)),
    queryFn: ({ signal }) =>
      unwrap(
        api.POST('/api/v1/frameworks/rule-preview', { body: body as RulePreviewRequest, signal }),
      ),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useFrameworkDiff(baseId: number | undefined, targetId: number | undefined) {
  return useQuery({
    queryKey: editorKeys.diff(baseId ?? 0, targetId ?? 0),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/frameworks/{framework_id}/diff', {
          params: { path: { framework_id: targetId ?? 0 }, query: { base: baseId ?? 0 } },
          signal,
        }),
      ),
    enabled: baseId !== undefined && targetId !== undefined && baseId !== targetId,
  });
}

/** The agencies that supply figures (a provider element names one). */
export function useProviderAgencies() {
  return useQuery({
    queryKey: ['units', 'providers'] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', {
          params: { query: { is_provider: true, limit: 200, offset: 0 } },
          signal,
        }),
      ),
    staleTime: 5 * 60_000,
  });
}
