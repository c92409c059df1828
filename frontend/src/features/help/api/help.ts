/**
 * Help's server state: the first sign-in tours the user has seen (per role, kept on the server so
 * a tour does not come back in another browser) and the support contact DIC sets.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import type { Role } from '@/api/types';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

export type Contact = components['schemas']['ContactOut'];
export type ContactIn = components['schemas']['ContactIn'];

export const helpKeys = {
  tours: ['help', 'tours'] as const,
  contact: ['help', 'contact'] as const,
};

/** The tours (by role) the signed-in user has finished or dismissed. */
export function useSeenTours(enabled = true) {
  return useQuery({
    queryKey: helpKeys.tours,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/tours', { signal })),
    enabled,
    staleTime: Infinity,
    // A failure shows no tour (and no error): the tour is a courtesy, never in the way.
    retry: false,
  });
}

/** Record a tour as seen (finished or dismissed); the list updates at once. */
export function useMarkTourSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tour: Role) =>
      unwrap(api.PUT('/api/v1/me/tours/{tour}', { params: { path: { tour } } })),
    onMutate: (tour) => {
      queryClient.setQueryData<{ seen: Role[] }>(helpKeys.tours, (data) => ({
        seen: [...new Set([...(data?.seen ?? []), tour])],
      }));
    },
    // Not worth a notification: at worst the tour comes back at the next sign-in.
    meta: { inlineErrors: true },
  });
}

/** The support contact (all fields null until DIC sets it). */
export function useContact() {
  return useQuery({
    queryKey: helpKeys.contact,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/help/contact', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Replace the support contact (admin). */
export function useSetContact(callbacks: MutationCallbacks<Contact> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactIn) => unwrap(api.PUT('/api/v1/help/contact', { body })),
    meta: { inlineErrors: true },
    onSuccess: async (data) => {
      await callbacks.onSuccess?.(data);
      queryClient.setQueryData(helpKeys.contact, data);
    },
    onError: (error) => callbacks.onError?.(error),
  });
}
