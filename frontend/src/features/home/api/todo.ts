/** The caller's to-do list (việc cần làm): a section for each role held, counted by the API. */
import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';

export type Todo = components['schemas']['TodoOut'];
export type TodoSection = components['schemas']['TodoSection'];
export type TodoItem = components['schemas']['TodoItem'];

export const todoKeys = { mine: ['me', 'todo'] as const };

export function useTodo() {
  return useQuery({
    queryKey: todoKeys.mine,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/todo', { signal })),
    // The figures move as units answer and DIC reviews: refresh when the tab comes back.
    refetchOnWindowFocus: true,
  });
}
