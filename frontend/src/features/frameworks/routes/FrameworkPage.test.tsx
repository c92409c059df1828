import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import {
  adminMe,
  criteria,
  criteriaForSBN,
  demoRound,
  framework,
  tokenPair,
  unitGroups,
} from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

function api() {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/frameworks': json({ items: [framework], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks/2/criteria': (request) =>
      json(new URL(request.url).searchParams.get('group') === 'SBN' ? criteriaForSBN : criteria),
  });
}

function pillarRows() {
  return document.querySelectorAll('tr.ant-table-row-level-0');
}

describe('framework page', () => {
  it("shows the selected round's framework: pillars, points per group and totals", async () => {
    api();
    renderApp('/frameworks');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bộ chỉ số' })).toBeInTheDocument();
    await waitFor(() => expect(pillarRows()).toHaveLength(2));
    expect(screen.getByTestId('criteria-counts')).toHaveTextContent('2 trụ cột · 2 chỉ số');
    expect(screen.getByText('Nhận thức số')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Điểm tối đa – QH' })).toBeInTheDocument();
    expect(screen.getByTestId('total-QH')).toHaveTextContent('1000');
    expect(screen.getByTestId('total-SBN')).toHaveTextContent('400');
    // Pillar 8 does not apply to SBN: a dash, named for screen readers.
    const row8 = pillarRows()[1] as HTMLElement;
    expect(within(row8).getByText('Không áp dụng')).toBeInTheDocument();
  });

  it('filters the tree by group, keeping the filter in the address', async () => {
    const { requests } = api();
    const { router } = renderApp('/frameworks');
    await waitFor(() => expect(pillarRows()).toHaveLength(2));
    const user = userEvent.setup();
    await user.click(screen.getByText('SBN – Sở, ban, ngành'));
    await waitFor(() => expect(pillarRows()).toHaveLength(1));
    expect(router.state.location.search).toBe('?group=SBN');
    expect(requests.some((request) => request.url.endsWith('/criteria?group=SBN'))).toBe(true);
    expect(
      screen.queryByRole('columnheader', { name: 'Điểm tối đa – QH' }),
    ).not.toBeInTheDocument();
  });

  it("expands the tree and shows a criterion's rule and guidance", async () => {
    api();
    renderApp('/frameworks/2');
    await waitFor(() => expect(pillarRows()).toHaveLength(2));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Mở rộng tất cả' }));
    expect(await screen.findByText('Có Ban chỉ đạo CĐS')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Xem hướng dẫn tiêu chí 1.1' }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('1.1 · Có Ban chỉ đạo CĐS')).toBeInTheDocument();
    expect(
      within(drawer).getByText('Đạt điểm tối đa nếu trả lời “Có”, ngược lại 0 điểm.'),
    ).toBeInTheDocument();
    expect(within(drawer).getByText('Cách xác định 1.1')).toBeInTheDocument();
    expect(within(drawer).getByText('Sở Thông tin và Truyền thông')).toBeInTheDocument();
  });

  it('shows names and guidance in English', async () => {
    api();
    renderApp('/frameworks');
    const user = userEvent.setup();
    await user.click(await screen.findByText('English'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Framework' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Digital awareness')).toBeInTheDocument());
    expect(screen.getByTestId('criteria-counts')).toHaveTextContent('2 pillars · 2 indicators');
    expect(screen.getByRole('columnheader', { name: 'Maximum points – QH' })).toBeInTheDocument();
  });
});
