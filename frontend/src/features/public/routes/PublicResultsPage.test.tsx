import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { publicRounds, results2022, results2023, results2023v1 } from '@/test/public-fixtures';
import { renderApp } from '@/test/render';

function publicApi() {
  return mockApi({
    'GET /api/v1/public/rounds': json(publicRounds),
    'GET /api/v1/public/rounds/3/results': (request) =>
      json(new URL(request.url).searchParams.get('version') === '1' ? results2023v1 : results2023),
    'GET /api/v1/public/rounds/2/results': json(results2022),
  });
}

const QH_TABLE = 'Xếp hạng nhóm Thành phố Thủ Đức, quận, huyện';
const SBN_TABLE = 'Xếp hạng nhóm Sở, ban, ngành';

async function rankingTable(name: string) {
  return screen.findByRole('table', { name }, { timeout: 10_000 });
}

function rowOf(table: HTMLElement, unitCode: string): HTMLElement {
  const row = table.querySelector(`tr[data-row-key="${unitCode}"]`);
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${unitCode}`);
  return row;
}

describe('the public results page (Kết quả công bố)', () => {
  it('shows the newest round without signing in: version, time, hash, reason, first group', async () => {
    const { requests } = publicApi();
    renderApp('/public');
    const table = await rankingTable(SBN_TABLE);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Kết quả Chỉ số chuyển đổi số' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Đăng nhập' })).toHaveAttribute('href', '/sign-in');
    expect(screen.getByText('Chỉ số chuyển đổi số TP.HCM — kết quả công bố')).toBeInTheDocument();
    expect(screen.getByTitle('2023 – Đánh giá chỉ số CĐS năm 2023')).toBeInTheDocument();
    expect(screen.queryByTestId('demo-data-tag')).not.toBeInTheDocument();

    // Version 2 of 2023: a correction, with its reason; the hash short, in full in its title.
    expect(screen.getAllByText('Phiên bản 2').length).toBeGreaterThan(0);
    expect(screen.getByText('Lý do phát hành lại')).toBeInTheDocument();
    expect(screen.getAllByText(/Đính chính điểm chỉ số 8\.1 của Quận 3/).length).toBeGreaterThan(0);
    const hash = screen.getByTestId('content-hash');
    expect(hash).toHaveTextContent('a1b2c3d4…ddeeff00');
    expect(hash).toHaveAttribute('title', results2023.content_hash);
    // Version 1 stays listed, as a link to it.
    expect(screen.getByRole('link', { name: 'Phiên bản 1' })).toHaveAttribute(
      'href',
      '/public?round=3&version=1&group=SBN',
    );

    expect(within(table).getByRole('columnheader', { name: 'Hạng' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'So với 2022' })).toBeInTheDocument();
    const department = rowOf(table, 'SO-TTTT');
    expect(within(department).getByText('0,8300')).toBeInTheDocument();
    expect(within(department).getByText('830 / 1000')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /điểm theo trụ cột của từng đơn vị nhóm Sở, ban, ngành/ }),
    ).toBeInTheDocument();

    // Public calls only, and no token.
    expect(
      requests.every((request) => new URL(request.url).pathname.startsWith('/api/v1/public/')),
    ).toBe(true);
    expect(requests.every((request) => !request.headers.has('Authorization'))).toBe(true);
  });

  it('shows each unit’s rank change against the previous published round', async () => {
    publicApi();
    renderApp('/public?group=QH');
    const table = await rankingTable(QH_TABLE);
    await waitFor(() => expect(within(rowOf(table, 'Q1')).getByText('▲2')).toBeInTheDocument());
    expect(within(rowOf(table, 'Q1')).getByText('Tăng 2 bậc so với năm 2022')).toBeInTheDocument();
    expect(within(rowOf(table, 'Q3')).getByText('▼1')).toBeInTheDocument();
    expect(within(rowOf(table, 'Q3')).getByText('Giảm 1 bậc so với năm 2022')).toBeInTheDocument();
    expect(within(rowOf(table, 'H-CC')).getByText('–')).toBeInTheDocument();
    expect(
      within(rowOf(table, 'H-CC')).getByText('Giữ nguyên thứ hạng so với năm 2022'),
    ).toBeInTheDocument();
    expect(within(rowOf(table, 'TP-TD')).getByText('mới')).toBeInTheDocument();
    // Shared ranks stay shared (1, 2, 2, 4).
    expect(within(rowOf(table, 'H-CC')).getAllByRole('cell')[0]).toHaveTextContent('2');
    expect(within(rowOf(table, 'TP-TD')).getAllByRole('cell')[0]).toHaveTextContent('4');
    expect(within(rowOf(table, 'Q1')).getByRole('link', { name: 'Quận 1' })).toHaveAttribute(
      'href',
      '/public/units/Q1?round=3',
    );
    expect(within(rowOf(table, 'Q1')).getByText('0,8125')).toBeInTheDocument();
    // The chart's figures as a table: points by pillar, and the group's average.
    const figures = screen.getByRole('table', {
      name: /Điểm theo trụ cột của từng đơn vị nhóm Thành phố Thủ Đức/,
    });
    expect(
      within(figures).getByRole('columnheader', { name: '8. Kinh tế số (600)' }),
    ).toBeInTheDocument();
    expect(within(figures).getByRole('rowheader', { name: 'Trung bình nhóm' })).toBeInTheDocument();
  });

  it('switches groups by tab and keeps the group in the address', async () => {
    publicApi();
    const { router } = renderApp('/public');
    await rankingTable(SBN_TABLE);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Thành phố Thủ Đức, quận, huyện' }));
    expect(await rankingTable(QH_TABLE)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: SBN_TABLE })).not.toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('group')).toBe('QH');
    await user.click(screen.getByRole('tab', { name: 'Sở, ban, ngành' }));
    expect(await rankingTable(SBN_TABLE)).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('group')).toBe('SBN');
  });

  it('offers the CSV, Excel and JSON files of the version shown', async () => {
    publicApi();
    renderApp('/public');
    await rankingTable(SBN_TABLE);
    expect(screen.getByRole('heading', { name: 'Tải dữ liệu (phiên bản 2)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Tải CSV/ })).toHaveAttribute(
      'href',
      '/api/v1/public/rounds/3/results.csv?version=2',
    );
    expect(screen.getByRole('link', { name: /Tải Excel/ })).toHaveAttribute(
      'href',
      '/api/v1/public/rounds/3/results.xlsx?version=2',
    );
    const jsonLink = screen.getByRole('link', { name: /Tải JSON/ });
    expect(jsonLink).toHaveAttribute('href', '/api/v1/public/rounds/3/results?version=2');
    expect(jsonLink).toHaveAttribute('download', 'dti-2023-v2.json');
  });

  it('shows an earlier version from the address, with a note and that version’s files', async () => {
    const { requests } = publicApi();
    renderApp('/public?round=3&version=1&group=QH');
    await rankingTable(QH_TABLE);
    expect(
      screen.getByText('Bạn đang xem phiên bản 1; phiên bản mới nhất là 2.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem phiên bản mới nhất (2)' })).toHaveAttribute(
      'href',
      '/public?round=3&group=QH',
    );
    expect(screen.getByRole('link', { name: /Tải CSV/ })).toHaveAttribute(
      'href',
      '/api/v1/public/rounds/3/results.csv?version=1',
    );
    expect(screen.queryByText('Lý do phát hành lại')).not.toBeInTheDocument();
    expect(
      requests.some(
        (request) =>
          new URL(request.url).pathname === '/api/v1/public/rounds/3/results' &&
          new URL(request.url).searchParams.get('version') === '1',
      ),
    ).toBe(true);
  });

  it('picks another round from the list: a demo round is marked, and has nothing to compare with', async () => {
    publicApi();
    const { router } = renderApp('/public?round=3&version=1');
    await rankingTable(SBN_TABLE);
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Kỳ đánh giá' }));
    await user.click(
      await screen.findByTitle('2022 – Đánh giá chỉ số CĐS năm 2022 (dữ liệu minh họa)'),
    );
    await waitFor(() => expect(router.state.location.search).toBe('?round=2'));
    const table = await rankingTable(SBN_TABLE);
    await waitFor(() =>
      expect(screen.getByTestId('demo-data-tag')).toHaveTextContent('Dữ liệu minh họa'),
    );
    expect(within(table).queryByRole('columnheader', { name: /So với/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Chưa có kỳ trước để so sánh thứ hạng\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Tải CSV/ })).toHaveAttribute(
      'href',
      '/api/v1/public/rounds/2/results.csv?version=1',
    );
  });

  it('is reachable from the sign-in page', async () => {
    mockApi({});
    renderApp('/sign-in');
    expect(
      await screen.findByRole('link', { name: 'Xem kết quả đã công bố (không cần đăng nhập)' }),
    ).toHaveAttribute('href', '/public');
  });
});
