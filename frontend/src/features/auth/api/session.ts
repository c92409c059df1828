import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

import { api, unwrap } from '@/api/client';
import * as session from '@/api/session';
import type { Me } from '@/api/types';

/** This feature's cache keys (signing in or out clears the whole cache, not a key). */
export const authKeys = { me: ['auth', 'me'] as const };

/** The session's status, re-rendering when it changes (sign-in, refresh failure, sign-out). */
export function useSession(): session.SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
}

/** Who is signed in: name, roles and unit. */
export function useMe() {
  const { status } = useSession();
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }): Promise<Me> => unwrap(api.GET('/api/v1/auth/me', { signal })),
    enabled: status === 'signed_in',
    staleTime: 5 * 60_000,
  });
}

export interface Credentials {
  username: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: Credentials) => session.signIn(username, password),
    // The sign-in form shows the API's message beside the fields, not as a notification.
    meta: { inlineErrors: true },
    onSuccess: () => {
      queryClient.removeQueries();
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    await session.signOut();
    queryClient.clear();
  };
}
