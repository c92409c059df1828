import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { AuditEvent } from '../api/audit';

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: 1,
  at: '2026-12-01T02:00:00Z',
  actor: 'admin',
  actor_kind: 'user',
  action: 'client.create',
  object_type: 'api_client',
  object_id: 'thue-moi',
  before: null,
  after: null,
  request_id: 'req-1',
  prev_hash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  mac: 'b'.repeat(64),
  ...overrides,
});

const disable = event({
  id: 2,
  action: 'client.disable',
  before: { name: 'Cục Thuế', is_active: true },
  after: { name: 'Cục Thuế', is_active: false },
});
const create = event({ id: 1, after: { name: 'Cục Thuế', is_active: true } });

function api() {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/audit-events/facets': json({
      actions: ['client.create', 'client.disable', 'user.update'],
      object_types: ['api_client', 'user'],
      actors: ['admin', 'system'],
    }),
    'GET /api/v1/audit-events': (request) => {
      const params = new URL(request.url).searchParams;
      const action = params.get('action');
      const items = [disable, create].filter((e) => !action || e.action === action);
      return json({ items, total: items.length, limit: 20, offset: 0 });
    },
    'GET /api/v1/audit-events/verify': json({
      ok: true,
      checked: 42,
      first_broken_id: null,
      reason: null,
      anchors_checked: 1,
    }),
  });
}

// Whole-app renders with wide antd tables: slow when the machine is shared, hence the timeout.
describe('audit page', { timeout: 60_000 }, () => {
  it("lists the events and shows an event's before and after", async () => {
    api();
    renderApp('/audit');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Nhật ký thay đổi' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'client.disable' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Xem thay đổi của sự kiện 2' }));
    const diff = await screen.findByRole('table', { name: 'Thay đổi trước và sau' });
    const rows = within(diff).getAllByRole('row');
    expect(rows).toHaveLength(2); // the header and is_active: the unchanged name is not shown
    expect(within(rows[1] as HTMLElement).getByText('is_active')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('sửa')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('true')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('false')).toBeInTheDocument();
  });

  it('filters by action', async () => {
    const { requests } = api();
    renderApp('/audit');
    await screen.findByRole('cell', { name: 'client.disable' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Thao tác' }));
    await user.click(await screen.findByTitle('client.create'));
    await user.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() =>
      expect(
        requests.some((r) => new URL(r.url).searchParams.get('action') === 'client.create'),
      ).toBe(true),
    );
    await waitFor(() =>
      expect(screen.queryByRole('cell', { name: 'client.disable' })).not.toBeInTheDocument(),
    );
  });

  it("opens an object's timeline", async () => {
    const { requests } = api();
    renderApp('/audit');
    await screen.findByRole('cell', { name: 'client.disable' });
    const user = userEvent.setup();
    const [first] = screen.getAllByRole('button', {
      name: 'Xem dòng thời gian của api_client thue-moi',
    });
    await user.click(first as HTMLElement);
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('Dòng thời gian: api_client thue-moi')).toBeInTheDocument();
    expect(await within(drawer).findByText('2 sự kiện, mới nhất trước')).toBeInTheDocument();
    expect(
      requests.some((r) => {
        const params = new URL(r.url).searchParams;
        return params.get('object_type') === 'api_client' && params.get('object_id') === 'thue-moi';
      }),
    ).toBe(true);
  });

  it('verifies the chain and says so', async () => {
    api();
    renderApp('/audit');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Kiểm tra chuỗi/ }));
    expect(
      await screen.findByText(
        'Chuỗi nhật ký toàn vẹn: đã kiểm tra 42 sự kiện và 1 mốc neo của các lần công bố.',
      ),
    ).toBeInTheDocument();
  });
});
