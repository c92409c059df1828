/**
 * Agency API clients (admin): the list, one client, creating, changing, rotating the secret; and
 * what the scope picker offers (the agencies, the elements each supplies in the active frameworks,
 * the units, the rounds).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { DataElement } from '@/api/types';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

import type { ApiClient } from '../scopes';

export type ClientWithSecret = components['schemas']['ClientWithSecret'];
export type ClientCreate = components['schemas']['ClientCreate'];
export type ClientUpdate = components['schemas']['ClientUpdate'];

export interface ClientFilter {
  q?: string | undefined;
  isActive?: boolean | undefined;
  offset: number;
  limit: number;
}

const ALL = ['api-clients'] as const;

export const clientKeys = {
  all: ALL,
  list: (filter: ClientFilter) => [...ALL, 'list', filter] as const,
  one: (clientId: string) => [...ALL, 'one', clientId] as const,
  agencies: ['api-clients', 'agencies'] as const,
  supplied: (unitCode: string) => ['api-clients', 'supplied', unitCode] as const,
  units: ['api-clients', 'units'] as const,
};

export function useClients(filter: ClientFilter) {
  return useQuery({
    queryKey: clientKeys.list(filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/api-clients', {
          params: {
            query: {
              limit: filter.limit,
              offset: filter.offset,
              ...(filter.q ? { q: filter.q } : {}),
              ...(filter.isActive === undefined ? {} : { is_active: filter.isActive }),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useClient(clientId: string | undefined) {
  return useQuery({
    queryKey: clientKeys.one(clientId ?? ''),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/api-clients/{client_id}', {
          params: { path: { client_id: clientId ?? '' } },
          signal,
        }),
      ),
    enabled: clientId !== undefined,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return (client: ApiClient) => {
    queryClient.setQueryData(clientKeys.one(client.client_id), client);
    return queryClient.invalidateQueries({ queryKey: [...ALL, 'list'] });
  };
}

export function useCreateClient({ onSuccess, onError }: MutationCallbacks<ClientWithSecret> = {}) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ClientCreate) => unwrap(api.POST('/api/v1/api-clients', { body })),
    onSuccess: async (client) => {
      await onSuccess?.(client);
      await refresh(client);
    },
    onError,
  });
}

export function useUpdateClient(
  clientId: string,
  { onSuccess, onError }: MutationCallbacks<ApiClient> = {},
) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ClientUpdate) =>
      unwrap(
        api.PATCH('/api/v1/api-clients/{client_id}', {
          params: { path: { client_id: clientId } },
          body,
        }),
      ),
    onSuccess: async (client) => {
      await onSuccess?.(client);
      await refresh(client);
    },
    onError,
  });
}

/** Enable or disable any client of the list. */
export function useSetActive({ onSuccess, onError }: MutationCallbacks<ApiClient> = {}) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ clientId, active }: { clientId: string; active: boolean }) =>
      unwrap(
        api.PATCH('/api/v1/api-clients/{client_id}', {
          params: { path: { client_id: clientId } },
          body: { is_active: active },
        }),
      ),
    onSuccess: async (client) => {
      await onSuccess?.(client);
      await refresh(client);
    },
    onError,
  });
}

export function useRotateSecret({ onSuccess, onError }: MutationCallbacks<ClientWithSecret> = {}) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (clientId: string) =>
      unwrap(
        api.POST('/api/v1/api-clients/{client_id}/rotate-secret', {
          params: { path: { client_id: clientId } },
        }),
      ),
    onSuccess: async (client) => {
      await onSuccess?.(client);
      await refresh(client);
    },
    onError,
  });
}

/** The agencies that supply figures (a client belongs to one). */
export function useAgencies() {
  return useQuery({
    queryKey: clientKeys.agencies,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', { params: { query: { is_provider: true, limit: 500 } }, signal }),
      ),
    staleTime: 5 * 60_000,
  });
}

/** Every unit (a scope names one, or `*`). */
export function useAllUnits() {
  return useQuery({
    queryKey: clientKeys.units,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/units', { params: { query: { limit: 500 } }, signal })),
    staleTime: 5 * 60_000,
  });
}

export interface SuppliedElement {
  element: DataElement;
  frameworkCode: string;
}

/** The data elements an agency supplies in the active frameworks, framework by framework. */
export function useSuppliedElements(unitCode: string | undefined) {
  return useQuery({
    queryKey: clientKeys.supplied(unitCode ?? ''),
    queryFn: async ({ signal }): Promise<SuppliedElement[]> => {
      const frameworks = await unwrap(
        api.GET('/api/v1/frameworks', {
          params: { query: { status: 'active', limit: 100 } },
          signal,
        }),
      );
      const lists = await Promise.all(
        frameworks.items.map(async (framework) => {
          const elements = await unwrap(
            api.GET('/api/v1/frameworks/{framework_id}/elements', {
              params: { path: { framework_id: framework.id } },
              signal,
            }),
          );
          return elements
            .filter((element) => element.provider_code === unitCode)
            .map((element) => ({ element, frameworkCode: framework.code }));
        }),
      );
      return lists.flat();
    },
    enabled: unitCode !== undefined,
    staleTime: 5 * 60_000,
  });
}
