import { MutationCache, QueryClient } from '@tanstack/react-query';

import { ApiError } from '@/api/errors';
import { i18n } from '@/i18n';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: unknown;
    mutationMeta: {
      /** The mutation's form shows its errors itself (beside the fields), so no notification. */
      inlineErrors?: boolean;
    };
  }
}

/** Retry what may pass on a second try (network, 5xx); never a 4xx, whose answer will not change. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
    // Pages show a failed query where its data would be; a failed action without its own form
    // is announced as a notification.
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.inlineErrors) return;
        notifyError({ title: i18n.t('errors.title'), description: problemMessage(error, i18n.t) });
      },
    }),
  });
}
