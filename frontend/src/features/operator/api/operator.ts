/**
 * The operating department (cơ quan vận hành): its names, read by every page (no account needed)
 * and changed by an admin.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { publicClient } from '@/api/http';
import type { components } from '@/api/schema';
import type { MutationCallbacks } from '@/lib/mutation-callbacks';

export type Operator = components['schemas']['OperatorOut'];
export type OperatorBody = components['schemas']['OperatorIn'];

/** This feature's cache keys. */
export const operatorKeys = { current: ['operator'] as const };

export function useOperator() {
  return useQuery({
    queryKey: operatorKeys.current,
    queryFn: ({ signal }) => unwrap(publicClient.GET('/api/v1/public/operator', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Save the names (admin); every page shows them at once. */
export function useSaveOperator({ onSuccess, onError }: MutationCallbacks<Operator> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OperatorBody) => unwrap(api.PUT('/api/v1/operator', { body })),
    meta: { inlineErrors: true },
    onSuccess: async (operator) => {
      queryClient.setQueryData(operatorKeys.current, operator);
      await onSuccess?.(operator);
    },
    onError: (error) => onError?.(error),
  });
}
