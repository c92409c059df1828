import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi, problem } from '@/test/api-mock';
import { demoRound, editorMe, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

const policy = json({ min_length: 12, max_length: 128, temporary_password_days: 7 });

describe('a temporary password', () => {
  it('leads to the change screen first, then home once changed', async () => {
    startSignedIn();
    let forced = true;
    mockApi({
      'POST /api/v1/auth/refresh': json({ ...tokenPair('1'), must_change_password: true }),
      'GET /api/v1/auth/me': () => json({ ...editorMe, must_change_password: forced }),
      'GET /api/v1/auth/password-policy': policy,
      'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
      'POST /api/v1/auth/password': async (request) => {
        const body = (await request.json()) as { new_password: string };
        if (body.new_password === 'Password2024!') {
          return problem(422, 'Dữ liệu gửi lên không hợp lệ (1 lỗi).', {
            errors: [{ field: 'new_password', message: 'Mật khẩu này quá phổ biến.' }],
          });
        }
        forced = false;
        return json(tokenPair('2'));
      },
    });
    const { router } = renderApp('/assessment');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Đổi mật khẩu tạm' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/change-password');

    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.type(screen.getByLabelText('Mật khẩu tạm'), 'abcd-efgh-jkmn-pqrs');
    await user.type(screen.getByLabelText('Mật khẩu mới'), 'ngắn');
    await user.type(screen.getByLabelText('Nhập lại mật khẩu mới'), 'khác');
    await user.click(screen.getByText('Đổi mật khẩu', { selector: 'button span' }));
    expect(await screen.findByText('Ít nhất 12 ký tự.')).toBeInTheDocument();
    expect(screen.getByText('Hai mật khẩu mới không khớp.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Mật khẩu mới'));
    await user.type(screen.getByLabelText('Mật khẩu mới'), 'Password2024!');
    await user.clear(screen.getByLabelText('Nhập lại mật khẩu mới'));
    await user.type(screen.getByLabelText('Nhập lại mật khẩu mới'), 'Password2024!');
    await user.click(screen.getByText('Đổi mật khẩu', { selector: 'button span' }));
    expect(await screen.findByText('Mật khẩu này quá phổ biến.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Mật khẩu mới'));
    await user.type(screen.getByLabelText('Mật khẩu mới'), 'hoa sen trong đầm');
    await user.clear(screen.getByLabelText('Nhập lại mật khẩu mới'));
    await user.type(screen.getByLabelText('Nhập lại mật khẩu mới'), 'hoa sen trong đầm');
    await user.click(screen.getByText('Đổi mật khẩu', { selector: 'button span' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
