import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { ApiClient } from '../scopes';

const client = (overrides: Partial<ApiClient> = {}): ApiClient => ({
  client_id: 'cuc-thue',
  name: 'Cục Thuế Thành phố – hệ thống cung cấp số liệu',
  unit_code: 'CUC-THUE',
  unit_name_vi: 'Cục Thuế Thành phố',
  scopes: [{ element_code: 'E-8.1-a', unit_code: '*', round_id: null }],
  is_active: true,
  expires_at: null,
  is_expired: false,
  last_used_at: null,
  created_at: '2026-12-01T01:00:00Z',
  updated_at: '2026-12-01T01:00:00Z',
  ...overrides,
});

const agency = {
  code: 'CUC-THUE',
  name_vi: 'Cục Thuế Thành phố',
  name_en: 'City Tax Department',
  kind: 'agency',
  groups: [],
  parent_code: null,
  valid_from: null,
  valid_to: null,
  predecessors: [],
  is_provider: true,
};

function api(clients: ApiClient[]) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/api-clients': json({
      items: clients,
      total: clients.length,
      limit: 20,
      offset: 0,
    }),
    'POST /api/v1/api-clients/cuc-thue/rotate-secret': json({
      ...client(),
      client_secret: 'new-secret-shown-once',
    }),
    'PATCH /api/v1/api-clients/vp-ubnd': json(client({ client_id: 'vp-ubnd', is_active: true })),
    'GET /api/v1/units': json({ items: [agency], total: 1, limit: 500, offset: 0 }),
    'GET /api/v1/frameworks': json({
      items: [{ id: 2, code: 'HCMC-DTI-2023' }],
      total: 1,
      limit: 100,
      offset: 0,
    }),
    'GET /api/v1/frameworks/2/elements': json([
      {
        code: 'E-8.1-a',
        name_vi: 'Số doanh nghiệp dùng hóa đơn điện tử',
        name_en: 'Businesses using e-invoices',
        provider_code: 'CUC-THUE',
        value_type: 'integer',
        source: 'provider',
      },
      {
        code: 'E-6.1-a',
        name_vi: 'Số TTHC toàn trình',
        name_en: 'Full online procedures',
        provider_code: 'VP-UBND',
        value_type: 'integer',
        source: 'provider',
      },
    ]),
    'GET /api/v1/api-clients/cuc-thue': json(
      client({
        scopes: [
          { element_code: 'E-8.1-a', unit_code: '*', round_id: null },
          { element_code: 'E-8.1-a', unit_code: 'Q1', round_id: 1 },
        ],
        expires_at: '2030-06-30T16:59:59Z',
      }),
    ),
    'PATCH /api/v1/api-clients/cuc-thue': async (request) => {
      const body = (await request.json()) as Partial<ApiClient>;
      return json(client(body));
    },
    'POST /api/v1/api-clients': async (request) => {
      const body = (await request.json()) as Partial<ApiClient>;
      return json({ ...client(body), client_secret: 'the-one-time-secret' }, 201);
    },
  });
}

// Whole-app renders with wide antd tables: slow when the machine is shared, hence the timeouts.
describe('API clients page', { timeout: 60_000 }, () => {
  it('lists the clients with their state, expiry and last use', async () => {
    api([
      client({ last_used_at: '2026-12-02T03:00:00Z' }),
      client({ client_id: 'vp-ubnd', is_active: false, unit_name_vi: 'Văn phòng UBND' }),
      client({ client_id: 'ca-tp', is_expired: true, expires_at: '2026-11-01T00:00:00Z' }),
    ]);
    renderApp('/api-clients');
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Ứng dụng kết nối của cơ quan cung cấp số liệu',
      }),
    ).toBeInTheDocument();
    const row = (id: string) => screen.getByText(id).closest('tr') as HTMLElement;
    await screen.findByText('ca-tp');
    expect(within(row('cuc-thue')).getByText('Đang hoạt động')).toBeInTheDocument();
    expect(within(row('cuc-thue')).getByText('1 phạm vi')).toBeInTheDocument();
    expect(within(row('cuc-thue')).getByText('Không thời hạn')).toBeInTheDocument();
    expect(within(row('vp-ubnd')).getByText('Đã vô hiệu hóa')).toBeInTheDocument();
    expect(within(row('vp-ubnd')).getByText('Chưa dùng')).toBeInTheDocument();
    expect(within(row('ca-tp')).getByText('Đã hết hạn')).toBeInTheDocument();
    expect(
      within(row('vp-ubnd')).getByRole('button', { name: 'Kích hoạt lại vp-ubnd' }),
    ).toBeInTheDocument();
  });

  it('shows a rotated secret once, and forgets it when closed', async () => {
    const { requests } = api([client()]);
    renderApp('/api-clients');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Đổi khóa bí mật của cuc-thue' }));
    const confirm = await screen.findByRole('tooltip');
    await user.click(within(confirm).getByRole('button', { name: 'Đổi khóa bí mật' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Khóa bí mật của ứng dụng cuc-thue')).toBeInTheDocument();
    expect(within(dialog).getByText('new-secret-shown-once')).toBeInTheDocument();
    expect(within(dialog).getByText(/chỉ hiển thị một lần/)).toBeInTheDocument();
    expect(
      requests.some((r) => r.method === 'POST' && r.url.endsWith('/cuc-thue/rotate-secret')),
    ).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Tôi đã lưu khóa' }));
    await waitFor(() =>
      expect(screen.queryByText('new-secret-shown-once')).not.toBeInTheDocument(),
    );
  });

  it('enables a disabled client', async () => {
    const { requests } = api([client({ client_id: 'vp-ubnd', is_active: false })]);
    renderApp('/api-clients');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Kích hoạt lại vp-ubnd' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(await patch?.json()).toEqual({ is_active: true });
  });

  it(
    'creates a client with the scopes picked, then shows its secret once',
    { timeout: 150_000 },
    async () => {
      const { requests } = api([]);
      const { router } = renderApp('/api-clients/new');
      const user = userEvent.setup();
      await screen.findByRole('heading', { level: 1, name: 'Tạo ứng dụng kết nối' });
      await user.type(screen.getByLabelText('Mã ứng dụng (client_id)'), 'thue-moi');
      await user.type(screen.getByLabelText('Tên ứng dụng'), 'Cục Thuế – hóa đơn');
      await user.click(screen.getByRole('combobox', { name: 'Cơ quan cung cấp số liệu' }));
      await user.click(await screen.findByTitle('CUC-THUE — Cục Thuế Thành phố'));

      // Only the agency's own elements are offered.
      await user.click(await screen.findByRole('combobox', { name: 'Chỉ tiêu' }));
      expect(
        await screen.findByTitle('E-8.1-a — Số doanh nghiệp dùng hóa đơn điện tử (HCMC-DTI-2023)'),
      ).toBeInTheDocument();
      expect(screen.queryByTitle(/E-6\.1-a/)).not.toBeInTheDocument();
      await user.click(
        screen.getByTitle('E-8.1-a — Số doanh nghiệp dùng hóa đơn điện tử (HCMC-DTI-2023)'),
      );
      await user.click(screen.getByRole('combobox', { name: 'Đơn vị' }));
      await user.click(await screen.findByTitle('Mọi đơn vị (*)'));
      await user.click(screen.getByRole('button', { name: /Thêm vào phạm vi/ }));
      expect(
        await screen.findByRole('button', { name: 'Xóa phạm vi E-8.1-a × *' }),
      ).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: /Tạo và hiện khóa bí mật/ }));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByText('Khóa bí mật của ứng dụng thue-moi')).toBeInTheDocument();
      expect(within(dialog).getByText('the-one-time-secret')).toBeInTheDocument();
      const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/api-clients'));
      expect(await post?.json()).toEqual({
        client_id: 'thue-moi',
        name: 'Cục Thuế – hóa đơn',
        unit_code: 'CUC-THUE',
        scopes: [{ element_code: 'E-8.1-a', unit_code: '*', round_id: null }],
        expires_at: null,
      });
      await user.click(within(dialog).getByRole('button', { name: 'Tôi đã lưu khóa' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/api-clients'));
      expect(screen.queryByText('the-one-time-secret')).not.toBeInTheDocument();
    },
  );

  it("edits a client's scopes and expiry; its id and agency stay", async () => {
    const { requests } = api([client()]);
    const { router } = renderApp('/api-clients/cuc-thue');
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Sửa ứng dụng cuc-thue' });
    expect(screen.getByLabelText('Mã ứng dụng (client_id)')).toBeDisabled();
    expect(screen.getByLabelText('Tên ứng dụng')).toHaveValue(
      'Cục Thuế Thành phố – hệ thống cung cấp số liệu',
    );
    // The round-limited scope names its round.
    const limited = await screen.findByRole('button', { name: 'Xóa phạm vi E-8.1-a × Q1' });
    expect(
      within(limited.closest('tr') as HTMLElement).getByText(demoRound.title_vi),
    ).toBeInTheDocument();
    await user.click(limited);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/api-clients'));
    const patch = requests.find((r) => r.method === 'PATCH');
    const body = (await patch?.json()) as Record<string, unknown>;
    expect(body.scopes).toEqual([{ element_code: 'E-8.1-a', unit_code: '*', round_id: null }]);
    expect(body.name).toBe('Cục Thuế Thành phố – hệ thống cung cấp số liệu');
    // Kept: the end of the same day.
    expect(body.expires_at).toBe(dayjs('2030-06-30T16:59:59Z').endOf('day').toISOString());
    expect(body).not.toHaveProperty('client_id');
    expect(body).not.toHaveProperty('unit_code');
  });
});
