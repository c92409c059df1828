/**
 * Changing one's own password: the rules it must follow, and the change itself, which ends every
 * other session of the account and answers a new token pair for this one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { adoptTokens } from '@/api/session';
import type { PasswordPolicy } from '@/api/types';

import { authKeys } from './session';

/** Until the API has answered: the rules' defaults (the API checks again either way). */
export const DEFAULT_POLICY: PasswordPolicy = {
  min_length: 12,
  max_length: 128,
  temporary_password_days: 7,
};

export function usePasswordPolicy() {
  return useQuery({
    queryKey: ['auth', 'password-policy'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/password-policy', { signal })),
    staleTime: 60 * 60_000,
  });
}

export interface PasswordChangeValues {
  current_password: string;
  new_password: string;
}

/** What the form checks before sending (length and the repeat): a message key, or null. */
export function localProblem(
  password: string,
  policy: Pick<PasswordPolicy, 'min_length' | 'max_length'>,
): 'profile.tooShort' | 'profile.tooLong' | null {
  // Characters as the API counts them (code points), not UTF-16 units.
  const length = password.match(/[\s\S]/gu)?.length ?? 0;
  if (length < policy.min_length) return 'profile.tooShort';
  if (length > policy.max_length) return 'profile.tooLong';
  return null;
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChangeValues) => unwrap(api.POST('/api/v1/auth/password', { body })),
    meta: { inlineErrors: true },
    onSuccess: async (pair) => {
      adoptTokens(pair);
      await queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}
