import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { REFRESH_TOKEN_KEY } from '@/api/session';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, framework, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

const rounds = json({
  items: [
    demoRound,
    {
      ...demoRound,
      id: 3,
      year: 2024,
      is_demo: false,
      title_vi: 'Kỳ 2024',
      title_en: '2024 round',
    },
  ],
  total: 2,
  limit: 100,
  offset: 0,
});

function api(me = adminMe) {
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'POST /api/v1/auth/logout': { status: 204 },
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': rounds,
    'GET /api/v1/frameworks': json({ items: [framework], total: 1, limit: 100, offset: 0 }),
  });
}

describe('layout', () => {
  it("restores the session after a reload and shows the city, the round and the user's menu", async () => {
    startSignedIn();
    api();
    renderApp('/');
    expect(await screen.findByText('Thành phố Hồ Chí Minh')).toBeInTheDocument();
    const nav = await screen.findByRole('navigation', { name: 'Điều hướng chính' });
    await waitFor(() =>
      expect(within(nav).getByRole('link', { name: 'Đơn vị' })).toBeInTheDocument(),
    );
    expect(within(nav).getByRole('link', { name: 'Bộ chỉ số' })).toBeInTheDocument();
    expect(
      await screen.findByText('2023 – Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('demo-data-tag')[0]).toHaveTextContent('Dữ liệu minh họa');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
  });

  it('hides what a role may not see, and guards the route too', async () => {
    startSignedIn();
    api(editorMe);
    renderApp('/units');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Không có quyền truy cập' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).queryByRole('link', { name: 'Đơn vị' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Bộ chỉ số' })).toBeInTheDocument();
  });

  it('groups the administration under «Quản trị», reachable by mouse and keyboard', async () => {
    startSignedIn();
    api();
    renderApp('/');
    const user = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Điều hướng chính' });
    const toggle = await within(nav).findByRole('button', { name: 'Quản trị' });
    const group = toggle.closest('[role="menuitem"]');
    // Closed away from its pages: its entries are not in the menu yet.
    expect(group).toHaveAttribute('aria-expanded', 'false');
    expect(within(nav).queryByRole('link', { name: 'Người dùng' })).not.toBeInTheDocument();

    await user.click(toggle);
    expect(group).toHaveAttribute('aria-expanded', 'true');
    for (const name of [
      'Thiết lập kỳ đánh giá',
      'Người dùng',
      'Quản trị đơn vị',
      'Ứng dụng kết nối',
      'Nhật ký thay đổi',
    ]) {
      expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    }
    // A button, so Tab reaches it; Enter closes and opens it (once each, not twice).
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(group).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}');
    expect(group).toHaveAttribute('aria-expanded', 'true');
  });

  it('opens the group on one of its pages, with the page highlighted', async () => {
    startSignedIn();
    api();
    renderApp('/users');
    const nav = await screen.findByRole('navigation', { name: 'Điều hướng chính' });
    const link = await within(nav).findByRole('link', { name: 'Người dùng' });
    expect(link.closest('[role="menuitem"]')).toHaveClass('ant-menu-item-selected');
    const toggle = within(nav).getByRole('button', { name: 'Quản trị' });
    expect(toggle.closest('[role="menuitem"]')).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows an approver the round setup alone, with no group of one', async () => {
    startSignedIn();
    api({ ...adminMe, username: 'approver', roles: ['approver'] });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Điều hướng chính' });
    expect(
      await within(nav).findByRole('link', { name: 'Thiết lập kỳ đánh giá' }),
    ).toBeInTheDocument();
    expect(within(nav).queryByRole('button', { name: 'Quản trị' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Người dùng' })).not.toBeInTheDocument();
  });

  it('switches the whole layout to English', async () => {
    startSignedIn();
    api();
    renderApp('/');
    const user = userEvent.setup();
    await user.click(await screen.findByText('English'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(screen.getByText('Ho Chi Minh City')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
    expect(
      await screen.findByText('2023 – 2023 DX index assessment (demo data)'),
    ).toBeInTheDocument();
  });

  it('signs out back to the sign-in page', async () => {
    startSignedIn();
    const { requests } = api();
    const { router } = renderApp('/');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByText('Bạn đã đăng xuất.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    await waitFor(() =>
      expect(requests.some((request) => request.url.endsWith('/auth/logout'))).toBe(true),
    );
  });

  it('shows a not-found page for an unknown address', async () => {
    startSignedIn();
    api();
    renderApp('/no-such-page');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Không tìm thấy trang' }),
    ).toBeInTheDocument();
  });
});
