/**
 * The bell's notifications (deadlines near or past, answers returned by DIC): the newest few,
 * polled every minute and when the tab comes back, and marking them read.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import { useLanguage } from '@/i18n';
import type { Language } from '@/i18n';

export type Notification = components['schemas']['NotificationOut'];
export type NotificationsPage = components['schemas']['NotificationsPage'];

/** How many the bell lists. */
export const BELL_LIMIT = 10;
export const POLL_INTERVAL_MS = 60_000;

const ALL = ['notifications'] as const;

/** This feature's cache keys: the bell's list per language, all under `all`. */
export const notificationKeys = {
  all: ALL,
  list: (language: Language) => [...ALL, language] as const,
};

/** The newest notifications and the unread count (messages come in the screen's language). */
export function useNotifications() {
  const language = useLanguage();
  return useQuery({
    queryKey: notificationKeys.list(language),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: BELL_LIMIT, offset: 0 } },
          signal,
        }),
      ),
    refetchInterval: POLL_INTERVAL_MS,
    refetchOnWindowFocus: true,
  });
}

/** Show the change at once (read, one fewer unread); the refetch after it confirms. */
function markLocally(queryClient: QueryClient, id: number | 'all'): void {
  const now = new Date().toISOString();
  queryClient.setQueriesData<NotificationsPage>({ queryKey: notificationKeys.all }, (page) => {
    if (!page) return page;
    let newlyRead = 0;
    const items = page.items.map((item) => {
      if (item.read_at !== null || (id !== 'all' && item.id !== id)) return item;
      newlyRead += 1;
      return { ...item, read_at: now };
    });
    const unread = id === 'all' ? 0 : Math.max(0, page.unread - newlyRead);
    return { ...page, items, unread };
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(
        api.POST('/api/v1/notifications/{notification_id}/read', {
          params: { path: { notification_id: id } },
        }),
      ),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      markLocally(queryClient, id);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      markLocally(queryClient, 'all');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
