import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { UserAccount } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, tokenPair, units } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

const editor: UserAccount = {
  username: 'q1.editor',
  full_name: 'Phạm Thị Thu Hà',
  email: 'ha.q1@example.vn',
  roles: ['unit_editor'],
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  is_active: true,
  must_change_password: false,
  password_expires_at: null,
  last_login_at: '2025-01-10T02:00:00Z',
  created_at: '2024-12-01T02:00:00Z',
};
const viewer: UserAccount = {
  ...editor,
  username: 'viewer',
  full_name: 'Người xem',
  email: null,
  roles: ['viewer'],
  unit_code: null,
  unit_name_vi: null,
  is_active: false,
  last_login_at: null,
};

function usersApi(me = adminMe) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/units': json({ items: units, total: units.length, limit: 500, offset: 0 }),
    'GET /api/v1/users': (request) => {
      const params = new URL(request.url).searchParams;
      const role = params.get('role');
      const active = params.get('is_active');
      const items = [editor, viewer].filter(
        (user) =>
          (!role || user.roles.includes(role as UserAccount['roles'][number])) &&
          (active === null || String(user.is_active) === active),
      );
      return json({ items, total: items.length, limit: 20, offset: 0 });
    },
    'POST /api/v1/users/viewer/password-reset': json({
      username: 'viewer',
      temporary_password: 'abcd-efgh-jkmn-pqrs',
      expires_at: '2025-01-17T02:00:00Z',
    }),
  });
}

describe('the users page (admin)', () => {
  it('lists the accounts with their roles, unit and state, and filters them', async () => {
    const { requests } = usersApi();
    renderApp('/users');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Người dùng' }),
    ).toBeInTheDocument();
    const row = (await screen.findByText('q1.editor')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Phạm Thị Thu Hà')).toBeInTheDocument();
    expect(within(row).getByText('Cán bộ đầu mối')).toBeInTheDocument();
    expect(within(row).getByText('Đang hoạt động')).toBeInTheDocument();
    const disabled = screen.getByText('viewer').closest('tr') as HTMLElement;
    expect(within(disabled).getByText('Đã khóa')).toBeInTheDocument();
    expect(within(disabled).getByText('Chưa đăng nhập')).toBeInTheDocument();
    expect(within(disabled).getByText('Mở khóa')).toBeInTheDocument();

    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.click(screen.getByLabelText('Lọc theo trạng thái'));
    await user.click(await screen.findByTitle('Đã khóa'));
    await waitFor(() => expect(screen.queryByText('q1.editor')).not.toBeInTheDocument());
    expect(
      requests.some((request) => new URL(request.url).searchParams.get('is_active') === 'false'),
    ).toBe(true);
  });

  it('resets a password and shows the temporary one once', async () => {
    usersApi();
    renderApp('/users');
    const row = (await screen.findByText('viewer')).closest('tr') as HTMLElement;
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.click(within(row).getByText('Cấp lại mật khẩu'));
    // The confirmation's own button (role queries over the whole page are slow under jsdom).
    const confirm = await waitFor(() => {
      const button = document.querySelector<HTMLElement>(
        '.ant-popconfirm-buttons .ant-btn-primary',
      );
      expect(button).not.toBeNull();
      return button as HTMLElement;
    });
    expect(confirm).toHaveTextContent('Cấp lại mật khẩu');
    await user.click(confirm);
    expect(await screen.findByText('Mật khẩu tạm của viewer')).toBeInTheDocument();
    expect(screen.getByTestId('temporary-password')).toHaveValue('abcd-efgh-jkmn-pqrs');
    expect(screen.getByText('Sao chép')).toBeInTheDocument();
    expect(screen.getByText('Tôi đã lưu mật khẩu')).toBeInTheDocument();
  });

  it('is for admins only, in the menu and on the route', async () => {
    usersApi(editorMe);
    renderApp('/users');
    expect(await screen.findByText('Không có quyền truy cập')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).queryByRole('link', { name: /Người dùng/ })).not.toBeInTheDocument();
  });
});
