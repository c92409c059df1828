import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, framework, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { Notification } from '../api/notifications';

const messages = {
  vi: [
    'Hạn nộp bài tự đánh giá của Quận 1 là ngày 31/03/2025.',
    'Sở TT&TT đã trả lại chỉ số 1.2 để bổ sung.',
    'Đã quá hạn nộp bài.',
  ],
  en: [
    'Quận 1’s self-assessment is due on 31/03/2025.',
    'DIC returned indicator 1.2 for completion.',
    'The deadline has passed.',
  ],
};

function notificationsApi() {
  startSignedIn();
  const readAt: Record<number, string | null> = { 1: null, 2: null, 3: '2025-03-01T02:00:00Z' };
  const list = (language: 'vi' | 'en'): Notification[] => [
    {
      id: 1,
      kind: 'submit_due_soon',
      message: messages[language][0] ?? '',
      link: '/rounds/1/units/Q1/assessment',
      created_at: '2025-03-25T01:00:00Z',
      read_at: readAt[1] ?? null,
    },
    {
      id: 2,
      kind: 'returned',
      message: messages[language][1] ?? '',
      link: '/frameworks',
      created_at: '2025-03-24T01:00:00Z',
      read_at: readAt[2] ?? null,
    },
    {
      id: 3,
      kind: 'submit_overdue',
      message: messages[language][2] ?? '',
      link: null,
      created_at: '2025-03-20T01:00:00Z',
      read_at: readAt[3] ?? null,
    },
  ];
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks': json({ items: [framework], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/notifications': (request) => {
      const items = list(request.headers.get('Accept-Language') === 'en' ? 'en' : 'vi');
      const unread = items.filter((item) => item.read_at === null).length;
      return json({ items, total: 14, unread, limit: 10, offset: 0 });
    },
    'POST /api/v1/notifications/1/read': () => {
      readAt[1] = '2025-03-26T01:00:00Z';
      return json({ marked: 1 });
    },
    'POST /api/v1/notifications/2/read': () => {
      readAt[2] = '2025-03-26T01:00:00Z';
      return json({ marked: 1 });
    },
    'POST /api/v1/notifications/read-all': () => {
      readAt[1] = readAt[1] ?? '2025-03-26T01:00:00Z';
      readAt[2] = readAt[2] ?? '2025-03-26T01:00:00Z';
      return json({ marked: 2 });
    },
  });
}

/** The bell, by its accessible name (a label query: role queries are slow while the app renders). */
async function findBell(name: string): Promise<HTMLElement> {
  const bell = await screen.findByLabelText(name, { selector: 'button' }, { timeout: 10_000 });
  expect(bell).toHaveAttribute('aria-expanded');
  return bell;
}

const isList = (request: Request) =>
  request.method === 'GET' && new URL(request.url).pathname === '/api/v1/notifications';

describe('the notification bell', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the unread count and lists the newest, unread ones in bold', async () => {
    const { requests } = notificationsApi();
    renderApp('/');
    const bell = await findBell('Thông báo, 2 chưa đọc');
    const listed = requests.find(isList);
    expect(new URL(listed?.url ?? 'http://x').searchParams.get('limit')).toBe('10');
    expect(listed?.headers.get('Authorization')).toBe('Bearer access-1');

    const user = userEvent.setup();
    await user.click(bell);
    const panel = await screen.findByRole('region', { name: 'Thông báo' });
    const items = within(panel).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0] as HTMLElement).getByText('Chưa đọc:')).toHaveClass('sr-only');
    expect(within(panel).getByText(messages.vi[0] ?? '').tagName).toBe('STRONG');
    expect(within(panel).getByText(messages.vi[2] ?? '').tagName).not.toBe('STRONG');
    expect(within(items[2] as HTMLElement).queryByText('Chưa đọc:')).not.toBeInTheDocument();
    expect(within(panel).getByText('3 thông báo mới nhất trong tổng số 14.')).toBeInTheDocument();
  });

  it('marks a notification read and goes where it leads', async () => {
    const { requests } = notificationsApi();
    const { router } = renderApp('/');
    const user = userEvent.setup();
    await user.click(await findBell('Thông báo, 2 chưa đọc'));
    const panel = await screen.findByRole('region', { name: 'Thông báo' });
    await user.click(within(panel).getByRole('button', { name: new RegExp(messages.vi[1] ?? '') }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/frameworks'));
    expect(
      requests.some(
        (request) =>
          request.method === 'POST' &&
          new URL(request.url).pathname === '/api/v1/notifications/2/read',
      ),
    ).toBe(true);
    expect(await findBell('Thông báo, 1 chưa đọc')).toBeInTheDocument();
  });

  it('marks all read at once', async () => {
    const { requests } = notificationsApi();
    renderApp('/');
    const user = userEvent.setup();
    await user.click(await findBell('Thông báo, 2 chưa đọc'));
    const panel = await screen.findByRole('region', { name: 'Thông báo' });
    await user.click(within(panel).getByRole('button', { name: 'Đánh dấu đã đọc tất cả' }));
    expect(await findBell('Thông báo, 0 chưa đọc')).toBeInTheDocument();
    expect(
      requests.some(
        (request) => new URL(request.url).pathname === '/api/v1/notifications/read-all',
      ),
    ).toBe(true);
    await waitFor(() =>
      expect(within(panel).getByRole('button', { name: 'Đánh dấu đã đọc tất cả' })).toBeDisabled(),
    );
    expect(within(panel).queryByText('Chưa đọc:')).not.toBeInTheDocument();
  });

  it('asks again when the tab comes back, and in the screen’s language', async () => {
    const { requests } = notificationsApi();
    renderApp('/');
    await findBell('Thông báo, 2 chưa đọc');
    const before = requests.filter(isList).length;
    window.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(requests.filter(isList).length).toBeGreaterThan(before));

    const user = userEvent.setup();
    await user.click(screen.getByText('English'));
    const bell = await findBell('Notifications, 2 unread');
    await waitFor(() =>
      expect(requests.filter(isList).at(-1)?.headers.get('Accept-Language')).toBe('en'),
    );
    await user.click(bell);
    expect(await screen.findByText(messages.en[1] ?? '')).toBeInTheDocument();
  });

  it('asks again every minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { requests } = notificationsApi();
    renderApp('/');
    await findBell('Thông báo, 2 chưa đọc');
    const before = requests.filter(isList).length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(requests.filter(isList).length).toBe(before);
    await vi.advanceTimersByTimeAsync(31_000);
    await waitFor(() => expect(requests.filter(isList).length).toBe(before + 1));
  });
});
