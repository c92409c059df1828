import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Role } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { demoRound, editorMe, framework, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

function api(seen: Role[]) {
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(editorMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks': json({ items: [framework], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/me/tours': json({ seen }),
    'PUT /api/v1/me/tours/unit_editor': { status: 204 },
    'GET /api/v1/help/contact': json({
      hotline: null,
      email: null,
      office_hours_vi: null,
      office_hours_en: null,
      updated_at: null,
    }),
  });
}

const WELCOME = 'Chào mừng cán bộ đầu mối';

// Lazy pages and the guide's Markdown take a while to load on a busy machine.
const WAIT = { timeout: 20_000 };

describe('the first sign-in tour', () => {
  it("shows a new user their role's tour, and remembers on the server once dismissed", async () => {
    startSignedIn();
    const { requests } = api([]);
    renderApp('/frameworks');
    const user = userEvent.setup();
    expect(await screen.findByText(WELCOME, undefined, WAIT)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tiếp' }));
    expect(await screen.findByText('Menu chức năng', undefined, WAIT)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tiếp' }));
    expect(
      await screen.findByText(/Nhập số liệu từng chỉ số tại đây/, undefined, WAIT),
    ).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByText('Tự đánh giá', { selector: '.ant-tour-title' })).toBeNull(),
    );
    await waitFor(() =>
      expect(
        requests.some(
          (request) =>
            request.method === 'PUT' && request.url.endsWith('/api/v1/me/tours/unit_editor'),
        ),
      ).toBe(true),
    );
  }, 90_000);

  it('is not shown to someone who has seen it', async () => {
    startSignedIn();
    api(['unit_editor']);
    renderApp('/frameworks');
    expect(await screen.findByRole('heading', { level: 1 }, WAIT)).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Trợ giúp cho trang này' }, WAIT);
    expect(screen.queryByText(WELCOME)).toBeNull();
  }, 90_000);

  it('is replayed from the help centre, without marking anything again', async () => {
    startSignedIn();
    const { requests } = api(['unit_editor']);
    renderApp('/help');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Xem lại hướng dẫn nhanh' }, WAIT));
    expect(await screen.findByText(WELCOME, undefined, WAIT)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByText(WELCOME)).toBeNull());
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
  }, 90_000);
});
