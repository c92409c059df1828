import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi, problem } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair } from '@/test/fixtures';
import { renderApp } from '@/test/render';

const signedInApi = {
  'POST /api/v1/auth/token': json(tokenPair('1')),
  'GET /api/v1/auth/me': json(adminMe),
  'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
};

async function fillIn(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Tên đăng nhập'), username);
  await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
  return user;
}

describe('sign-in page', () => {
  it('is in Vietnamese by default', async () => {
    renderApp('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeInTheDocument();
    expect(screen.getByLabelText('Tên đăng nhập')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('vi');
  });

  it('asks for the fields before calling the API', async () => {
    const { requests } = mockApi({});
    renderApp('/sign-in');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByText('Vui lòng nhập tên đăng nhập.')).toBeInTheDocument();
    expect(screen.getByText('Vui lòng nhập mật khẩu.')).toBeInTheDocument();
    // Only public reads (the operator's name) may have gone out; never a sign-in attempt.
    const paths = requests.map((request) => new URL(request.url).pathname);
    expect(paths.filter((path) => path.startsWith('/api/v1/auth'))).toEqual([]);
  });

  it("shows the API's message on a wrong password", async () => {
    mockApi({ 'POST /api/v1/auth/token': problem(401, 'Tên đăng nhập hoặc mật khẩu không đúng.') });
    renderApp('/sign-in');
    await fillIn('admin', 'wrong');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toBeInTheDocument();
  });

  it("puts the API's field messages under their fields", async () => {
    mockApi({
      'POST /api/v1/auth/token': problem(422, 'Dữ liệu gửi lên không hợp lệ (1 lỗi).', {
        errors: [{ field: 'username', message: 'Tên đăng nhập quá dài.' }],
      }),
    });
    renderApp('/sign-in');
    await fillIn('x', 'y');
    expect(await screen.findByText('Tên đăng nhập quá dài.')).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: /không hợp lệ/ })).not.toBeInTheDocument();
  });

  it('switches to English, and asks the API in English', async () => {
    const { requests } = mockApi({
      'POST /api/v1/auth/token': problem(401, 'Incorrect username or password.'),
    });
    renderApp('/sign-in');
    const user = userEvent.setup();
    await user.click(await screen.findByText('English'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    await user.type(screen.getByLabelText('Username'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Incorrect username or password.')).toBeInTheDocument();
    const signIn = requests.find((request) => request.url.endsWith('/api/v1/auth/token'));
    expect(signIn?.headers.get('Accept-Language')).toBe('en');
  });

  it('signs in and opens the overview', async () => {
    mockApi(signedInApi);
    renderApp('/sign-in');
    await fillIn('admin', 'demo12345');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tổng quan' })).toBeInTheDocument();
    expect(await screen.findByText('Xin chào, Nguyễn Văn An')).toBeInTheDocument();
  });

  it('returns to the page that asked for sign-in', async () => {
    mockApi(signedInApi);
    const { router } = renderApp('/units?group=QH');
    await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    expect(router.state.location.pathname).toBe('/sign-in');
    await fillIn('admin', 'demo12345');
    await waitFor(() => expect(router.state.location.pathname).toBe('/units'));
    expect(router.state.location.search).toBe('?group=QH');
  });
});
