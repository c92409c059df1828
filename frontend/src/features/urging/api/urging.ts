/**
 * Urging (đôn đốc): the message templates, and sending one to units of a round (in the app and by
 * e-mail, filled in for each unit by the API).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

export type UrgeTemplate = components['schemas']['TemplateOut'];
export type UrgeBody = components['schemas']['UrgeIn'];
export type UrgeResult = components['schemas']['UrgeOut'];
export type TemplateTexts = Pick<UrgeTemplate, 'subject_vi' | 'subject_en' | 'body_vi' | 'body_en'>;

/** This feature's cache keys. */
export const urgingKeys = {
  templates: ['urge-templates'] as const,
  sent: (roundId: number) => ['urgings', roundId] as const,
};

export function useUrgeTemplates(enabled = true) {
  return useQuery({
    queryKey: urgingKeys.templates,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/urge-templates', { signal })),
    enabled,
  });
}

/** Save the texts into a template (what the next sending starts from). */
export function useSaveTemplate({ onSuccess, onError }: MutationCallbacks<UrgeTemplate> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, texts }: { id: number; texts: TemplateTexts }) =>
      unwrap(
        api.PATCH('/api/v1/urge-templates/{template_id}', {
          params: { path: { template_id: id } },
          body: texts,
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (template) => {
      await onSuccess?.(template);
      await queryClient.invalidateQueries({ queryKey: urgingKeys.templates });
    },
    onError: (error) => onError?.(error),
  });
}

/** Send the message to the units. */
export function useUrge(
  roundId: number,
  { onSuccess, onError }: MutationCallbacks<UrgeResult> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UrgeBody) =>
      unwrap(
        api.POST('/api/v1/rounds/{round_id}/urgings', {
          params: { path: { round_id: roundId } },
          body,
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: async (result) => {
      await onSuccess?.(result);
      await queryClient.invalidateQueries({ queryKey: urgingKeys.sent(roundId) });
    },
    onError: (error) => onError?.(error),
  });
}
