/**
 * The audit trail (admin): pages of events by filter, one object's timeline, the filters' values,
 * the CSV export of the filtered events, and the chain's verification.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';
import { saveFile } from '@/lib/save-file';

export type AuditEvent = components['schemas']['AuditEventOut'];
export type ChainVerification = components['schemas']['ChainVerification'];

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  /** ISO instants: from (inclusive), until (exclusive). */
  since?: string | undefined;
  until?: string | undefined;
}

const ALL = ['audit-events'] as const;

export const auditKeys = {
  all: ALL,
  page: (filter: AuditFilter, offset: number, limit: number) =>
    [...ALL, 'page', filter, offset, limit] as const,
  object: (objectType: string, objectId: string) =>
    [...ALL, 'object', objectType, objectId] as const,
  facets: [...ALL, 'facets'] as const,
};

/** The filter as the API's query (empty fields left out). */
export function filterQuery(filter: AuditFilter) {
  const query: {
    actor?: string;
    action?: string;
    object_type?: string;
    object_id?: string;
    since?: string;
    until?: string;
  } = {};
  if (filter.actor) query.actor = filter.actor;
  if (filter.action) query.action = filter.action;
  if (filter.objectType) query.object_type = filter.objectType;
  if (filter.objectId) query.object_id = filter.objectId;
  if (filter.since) query.since = filter.since;
  if (filter.until) query.until = filter.until;
  return query;
}

export function useAuditEvents(filter: AuditFilter, offset: number, limit: number) {
  return useQuery({
    queryKey: auditKeys.page(filter, offset, limit),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/audit-events', {
          params: { query: { ...filterQuery(filter), offset, limit } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One object's events (its timeline), newest first. */
export function useObjectEvents(object: { type: string; id: string } | null) {
  return useQuery({
    queryKey: auditKeys.object(object?.type ?? '', object?.id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/audit-events', {
          params: {
            query: { object_type: object?.type ?? '', object_id: object?.id ?? '', limit: 500 },
          },
          signal,
        }),
      ),
    enabled: object !== null,
  });
}

export function useAuditFacets() {
  return useQuery({
    queryKey: auditKeys.facets,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit-events/facets', { signal })),
    staleTime: 60_000,
  });
}

/** Walk the whole chain on the server: links, seals, head and publication anchors. */
export function useVerifyChain({ onSuccess, onError }: MutationCallbacks<ChainVerification> = {}) {
  return useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/audit-events/verify')),
    onSuccess,
    onError,
  });
}

/** Download the filtered events as CSV. */
export async function downloadEvents(filter: AuditFilter): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/audit-events/export.csv', {
      params: { query: filterQuery(filter) },
      parseAs: 'blob',
    }),
  );
  saveFile(blob, 'nhat-ky-thay-doi.csv');
}
