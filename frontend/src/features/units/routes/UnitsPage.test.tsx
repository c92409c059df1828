import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair, unitGroups, units } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

function api() {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/units': (request) => {
      const params = new URL(request.url).searchParams;
      const group = params.get('group');
      const q = params.get('q')?.toLowerCase();
      const items = units.filter(
        (unit) =>
          (!group || unit.groups.includes(group)) &&
          (!q || unit.code.toLowerCase().includes(q) || unit.name_vi.toLowerCase().includes(q)),
      );
      return json({ items, total: items.length, limit: 20, offset: 0 });
    },
  });
}

describe('units page', () => {
  it('lists the units with their kind and groups', async () => {
    api();
    renderApp('/units');
    expect(await screen.findByRole('heading', { level: 1, name: 'Đơn vị' })).toBeInTheDocument();
    expect(await screen.findByText('Quận 1')).toBeInTheDocument();
    expect(screen.getByText('Sở Thông tin và Truyền thông')).toBeInTheDocument();
    expect(screen.getByText('Huyện')).toBeInTheDocument();
    expect(screen.getByText('3 đơn vị')).toBeInTheDocument();
  });

  it('shows one group at a time', async () => {
    const { requests } = api();
    const { router } = renderApp('/units');
    await screen.findByText('Quận 1');
    const user = userEvent.setup();
    await user.click(await screen.findByText('Thành phố Thủ Đức, quận, huyện (2)'));
    await waitFor(() =>
      expect(screen.queryByText('Sở Thông tin và Truyền thông')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('2 đơn vị')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?group=QH');
    expect(
      requests.some((request) => new URL(request.url).searchParams.get('group') === 'QH'),
    ).toBe(true);
  });

  it("links DIC staff to each unit's self-assessment in the selected round", async () => {
    api();
    renderApp('/units');
    await screen.findByText('Quận 1');
    expect(await screen.findByRole('link', { name: 'Xem bài tự đánh giá của Q1' })).toHaveAttribute(
      'href',
      '/rounds/1/units/Q1/assessment',
    );
  });

  it('searches by code or name', async () => {
    api();
    renderApp('/units');
    await screen.findByText('Quận 1');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tìm theo mã hoặc tên'), 'củ chi');
    await waitFor(() => expect(screen.queryByText('Quận 1')).not.toBeInTheDocument());
    expect(screen.getByText('Huyện Củ Chi')).toBeInTheDocument();
  });
});
