import { describe, expect, it, vi } from 'vitest';

import { json, mockApi, problem } from '@/test/api-mock';
import { adminMe, tokenPair } from '@/test/fixtures';
import { startSignedIn } from '@/test/render';

import { api, unwrap } from './client';
import { ApiError } from './errors';
import {
  REFRESH_TOKEN_KEY,
  getAccessToken,
  getSnapshot,
  refresh,
  signIn,
  signOut,
} from './session';

describe('session', () => {
  it('signs in with a form post, keeping only the refresh token in sessionStorage', async () => {
    const { requests } = mockApi({ 'POST /api/v1/auth/token': json(tokenPair('1')) });

    await signIn('admin', 'demo12345');

    const request = requests[0];
    expect(request?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.get('Accept-Language')).toBe('vi');
    expect(await request?.text()).toBe('username=admin&password=demo12345');
    expect(getSnapshot().status).toBe('signed_in');
    expect(getAccessToken()).toBe('access-1');
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    const stored = [window.sessionStorage, window.localStorage].flatMap((storage) =>
      Object.keys(storage).map((key) => storage.getItem(key)),
    );
    expect(stored).not.toContain('access-1');
  });

  it('surfaces the API problem on a wrong password', async () => {
    mockApi({
      'POST /api/v1/auth/token': problem(401, 'Tên đăng nhập hoặc mật khẩu không đúng.'),
    });

    const error: unknown = await signIn('admin', 'wrong').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(getSnapshot().status).toBe('signed_out');
  });

  it('shares one refresh between concurrent callers (a rotated token must not be reused)', async () => {
    startSignedIn('refresh-0');
    const { requests } = mockApi({ 'POST /api/v1/auth/refresh': json(tokenPair('1')) });

    const results = await Promise.all([refresh(), refresh(), refresh()]);

    expect(results).toEqual([true, true, true]);
    expect(requests.filter((request) => request.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
  });

  it('refreshes silently on a 401 and retries the call with the new token', async () => {
    startSignedIn('refresh-0');
    const { requests } = mockApi({
      'POST /api/v1/auth/refresh': json(tokenPair('2')),
      'GET /api/v1/auth/me': (request) =>
        request.headers.get('Authorization') === 'Bearer access-2'
          ? json(adminMe)
          : problem(401, 'Phiên đã hết hạn.'),
    });

    const me = await unwrap(api.GET('/api/v1/auth/me'));

    expect(me.username).toBe('admin');
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      '/api/v1/auth/me',
      '/api/v1/auth/refresh',
      '/api/v1/auth/me',
    ]);
  });

  it('refreshes on its own a minute before the access token expires', async () => {
    vi.useFakeTimers();
    try {
      const { requests } = mockApi({
        'POST /api/v1/auth/token': json(tokenPair('1')),
        'POST /api/v1/auth/refresh': json(tokenPair('2')),
      });
      await signIn('admin', 'demo12345');

      await vi.advanceTimersByTimeAsync((900 - 61) * 1000);
      expect(requests.some((request) => request.url.endsWith('/auth/refresh'))).toBe(false);
      await vi.advanceTimersByTimeAsync(2000);

      const refreshCall = requests.find((request) => request.url.endsWith('/auth/refresh'));
      expect(await refreshCall?.json()).toEqual({ refresh_token: 'refresh-1' });
      expect(getAccessToken()).toBe('access-2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends the session when the refresh token is refused', async () => {
    startSignedIn('refresh-0');
    mockApi({ 'POST /api/v1/auth/refresh': problem(401, 'Phiên đăng nhập không hợp lệ.') });

    expect(await refresh()).toBe(false);

    expect(getSnapshot()).toEqual({ status: 'signed_out', reason: 'expired' });
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('signs out: forgets the tokens and revokes the refresh token on the server', async () => {
    const { requests } = mockApi({
      'POST /api/v1/auth/token': json(tokenPair('1')),
      'POST /api/v1/auth/logout': { status: 204 },
    });
    await signIn('admin', 'demo12345');

    await signOut();

    const logout = requests.find((request) => request.url.endsWith('/auth/logout'));
    expect(await logout?.json()).toEqual({ refresh_token: 'refresh-1' });
    expect(getSnapshot()).toEqual({ status: 'signed_out', reason: 'signed_out' });
    expect(getAccessToken()).toBeNull();
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    const error: unknown = await unwrap(api.GET('/api/v1/auth/me')).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetworkError).toBe(true);
  });
});
