import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/api/errors';
import { registerNotifier } from '@/lib/notify';

import { createQueryClient } from './query-client';

const conflict = new ApiError(409, {
  type: 'about:blank',
  title: 'Xung đột',
  status: 409,
  detail: 'Kỳ đánh giá đã đóng.',
  code: 'round.closed',
});

async function runFailingMutation(meta?: { inlineErrors?: boolean }) {
  const client = createQueryClient();
  const mutation = client.getMutationCache().build(client, {
    mutationFn: () => Promise.reject(conflict),
    ...(meta ? { meta } : {}),
  });
  await mutation.execute(undefined).catch(() => undefined);
}

describe('query client', () => {
  it("announces a failed action with the API's message", async () => {
    const notifier = vi.fn();
    registerNotifier(notifier);
    await runFailingMutation();
    expect(notifier).toHaveBeenCalledWith({
      title: 'Có lỗi xảy ra',
      description: 'Kỳ đánh giá đã đóng.',
    });
    registerNotifier(null);
  });

  it('leaves errors to forms that show them beside their fields', async () => {
    const notifier = vi.fn();
    registerNotifier(notifier);
    await runFailingMutation({ inlineErrors: true });
    expect(notifier).not.toHaveBeenCalled();
    registerNotifier(null);
  });

  it('does not retry a 4xx, whose answer will not change', () => {
    const retry = createQueryClient().getDefaultOptions().queries?.retry;
    expect(typeof retry).toBe('function');
    if (typeof retry !== 'function') return;
    expect(retry(0, conflict)).toBe(false);
    expect(retry(0, new ApiError(503, null))).toBe(true);
    expect(retry(2, new ApiError(0, null))).toBe(false);
  });
});
