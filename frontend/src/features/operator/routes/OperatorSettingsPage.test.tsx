import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_OPERATOR, setOperatorNames } from '@/i18n';
import { json, mockApi, problem } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { Operator } from '../api/operator';

// The first render loads the lazy page and its chunks: slow on a busy machine.
const SLOW = 30_000;
// The whole test, on a busy machine.
const TEST_TIMEOUT = 60_000;

const defaults: Operator = {
  ...DEFAULT_OPERATOR,
  since: '2025-03-01',
  is_default: true,
  updated_by: null,
  updated_at: null,
};

const renamed: Operator = {
  name_vi: 'Sở Khoa học và Công nghệ TP.HCM',
  name_en: 'HCMC Department of Science and Technology',
  short_name_vi: 'Sở KH&CN TP',
  short_name_en: 'DOST',
  since: '2025-03-01',
  is_default: false,
  updated_by: 'admin',
  updated_at: '2026-12-20T02:00:00Z',
};

function signedIn(me = adminMe, extra: Parameters<typeof mockApi>[0] = {}) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/public/operator': json(defaults),
    ...extra,
  });
}

afterEach(() => setOperatorNames(DEFAULT_OPERATOR));

describe('the operating department (Cơ quan vận hành)', () => {
  it(
    'names the department on every page: the default until the API says otherwise',
    async () => {
      signedIn(adminMe, { 'GET /api/v1/public/operator': json(renamed) });
      renderApp('/operator-settings');
      expect(
        await screen.findByRole(
          'heading',
          { level: 1, name: 'Cơ quan vận hành' },
          { timeout: SLOW },
        ),
      ).toBeInTheDocument();
      // The footer of the signed-in shell follows the setting.
      expect(
        await screen.findByText('Sở Khoa học và Công nghệ TP.HCM', { selector: 'footer' }),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Thông tin và Truyền thông/)).not.toBeInTheDocument();
      expect(screen.getByText(/^Thay đổi lần cuối bởi admin lúc 20\/12\/2026/)).toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );

  it(
    'lets an admin change it: sent trimmed, saved, shown at once',
    async () => {
      const { requests } = signedIn(adminMe, {
        'PUT /api/v1/operator': json(renamed),
      });
      renderApp('/operator-settings');
      const nameVi = await screen.findByLabelText('Tên đầy đủ (tiếng Việt)', {}, { timeout: SLOW });
      expect(nameVi).toHaveValue('Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh');
      expect(screen.getByText('Mặc định (chưa thay đổi)')).toBeInTheDocument();
      const user = userEvent.setup();
      await user.clear(nameVi);
      await user.type(nameVi, '  Sở Khoa học và Công nghệ TP.HCM ');
      const shortVi = screen.getByLabelText('Tên ngắn (tiếng Việt)');
      await user.clear(shortVi);
      await user.type(shortVi, 'Sở KH&CN TP');
      await user.click(screen.getByRole('button', { name: 'Lưu' }));
      expect(await screen.findByText('Đã lưu tên cơ quan vận hành.')).toBeInTheDocument();
      const put = requests.find((request) => request.method === 'PUT');
      expect(put).toBeDefined();
      expect(await put?.json()).toEqual({
        name_vi: 'Sở Khoa học và Công nghệ TP.HCM',
        name_en: 'Ho Chi Minh City Department of Science and Technology',
        short_name_vi: 'Sở KH&CN TP',
        short_name_en: 'the Department of Science and Technology',
        since: '2025-03-01',
      });
      await waitFor(() =>
        expect(
          screen.getByText('Sở Khoa học và Công nghệ TP.HCM', { selector: 'footer' }),
        ).toBeInTheDocument(),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'asks for every name before sending, and shows the API’s field errors beside the field',
    async () => {
      const { requests } = signedIn(adminMe, {
        'PUT /api/v1/operator': problem(422, 'Dữ liệu không hợp lệ.', {
          errors: [{ field: 'since', message: 'Ngày bắt đầu vận hành không được sau hôm nay.' }],
        }),
      });
      renderApp('/operator-settings');
      const shortEn = await screen.findByLabelText('Tên ngắn (tiếng Anh)', {}, { timeout: SLOW });
      const user = userEvent.setup();
      await user.clear(shortEn);
      await user.click(screen.getByRole('button', { name: 'Lưu' }));
      expect(await screen.findByText('Nhập tên.')).toBeInTheDocument();
      expect(requests.some((request) => request.method === 'PUT')).toBe(false);

      await user.type(shortEn, 'DOST');
      await user.click(screen.getByRole('button', { name: 'Lưu' }));
      const field = (
        await screen.findByText('Ngày bắt đầu vận hành không được sau hôm nay.')
      ).closest('.ant-form-item');
      expect(field).not.toBeNull();
      expect(
        within(field as HTMLElement).getByText('Vận hành hệ thống từ ngày'),
      ).toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );

  it(
    'is an admin screen: an evaluator neither sees it in the menu nor opens it',
    async () => {
      signedIn({ ...adminMe, username: 'evaluator', roles: ['evaluator'] });
      renderApp('/operator-settings');
      expect(
        await screen.findByRole(
          'heading',
          { level: 1, name: 'Không có quyền truy cập' },
          { timeout: SLOW },
        ),
      ).toBeInTheDocument();
      expect(screen.queryByRole('menuitem', { name: /Cơ quan vận hành/ })).not.toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );
});
