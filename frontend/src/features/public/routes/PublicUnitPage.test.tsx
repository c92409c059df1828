import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi, problem } from '@/test/api-mock';
import { methodology2023, saiGonHistory, tpTdHistory } from '@/test/public-fixtures';
import { renderApp } from '@/test/render';

function unitApi() {
  return mockApi({
    'GET /api/v1/public/units/TP-TD': json(tpTdHistory),
    'GET /api/v1/public/rounds/3/framework': json(methodology2023),
    'GET /api/v1/public/rounds/2/framework': problem(404, 'Không tìm thấy.'),
  });
}

describe('the public unit profile (Hồ sơ đơn vị)', () => {
  it('shows the unit, its predecessors and its history across rounds, the latest round in detail', async () => {
    unitApi();
    renderApp('/public/units/TP-TD');
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Thành phố Thủ Đức' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Thành phố · mã TP-TD')).toBeInTheDocument();
    const predecessors = screen.getByTestId('predecessors');
    expect(within(predecessors).getByText('Quận 2 (Q2) – tiếp nhận toàn bộ')).toBeInTheDocument();
    expect(within(predecessors).getByText('Quận 9 (Q9) – tiếp nhận toàn bộ')).toBeInTheDocument();

    // History, newest first: its own results only.
    const history = screen.getByRole('table', {
      name: 'Kết quả của Thành phố Thủ Đức qua các kỳ đánh giá',
    });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [latest, earlier] = rows as [HTMLElement, HTMLElement];
    expect(latest).toHaveTextContent('2023');
    expect(within(latest).getByText('4/4')).toBeInTheDocument();
    expect(within(latest).getByText('640 / 1000')).toBeInTheDocument();
    expect(within(latest).getByText('0,6400')).toBeInTheDocument();
    expect(earlier).toHaveTextContent('2022');
    expect(within(earlier).getByText('5/22')).toBeInTheDocument();
    expect(within(earlier).queryByText(/đơn vị tiền thân/)).not.toBeInTheDocument();
    expect(within(earlier).getByRole('link', { name: /năm 2022/ })).toHaveAttribute(
      'href',
      '/public?round=2&group=QH',
    );

    // The latest round in detail: charts (named), pillars against the group, criteria with names.
    expect(
      screen.getByRole('img', { name: /chỉ số của Thành phố Thủ Đức và trung bình nhóm/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Thành phố Thủ Đức năm 2023 so với trung bình nhóm/ }),
    ).toBeInTheDocument();
    const pillars = screen.getByRole('table', {
      name: 'Chỉ số theo trụ cột của Thành phố Thủ Đức năm 2023',
    });
    expect(within(pillars).getByText('1. Nhận thức số')).toBeInTheDocument();
    expect(within(pillars).getAllByText('0,7000').length).toBeGreaterThan(0);
    const criteria = screen.getByRole('table', {
      name: 'Điểm theo tiêu chí của Thành phố Thủ Đức năm 2023',
    });
    expect(await within(criteria).findByText('8.1 Doanh nghiệp số')).toBeInTheDocument();
    expect(within(criteria).getByText('1.1 Có Ban chỉ đạo CĐS')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Về bảng xếp hạng' })).toHaveAttribute(
      'href',
      '/public?round=3&group=QH',
    );
  });

  it('shows the round in the address, and switches rounds (criteria by code when names are missing)', async () => {
    unitApi();
    const { router } = renderApp('/public/units/TP-TD?round=3');
    await screen.findByRole(
      'heading',
      { level: 1, name: 'Thành phố Thủ Đức' },
      { timeout: 10_000 },
    );
    const user = userEvent.setup();
    await user.click(
      within(screen.getByRole('radiogroup', { name: 'Kỳ đánh giá' })).getByText('2022'),
    );
    await waitFor(() => expect(router.state.location.search).toBe('?round=2'));
    expect(await screen.findByRole('heading', { name: /Năm 2022/ })).toBeInTheDocument();
    expect(screen.getByText('Theo phiên bản công bố 1.')).toBeInTheDocument();
    const criteria = screen.getByRole('table', {
      name: 'Điểm theo tiêu chí của Thành phố Thủ Đức năm 2022',
    });
    expect(within(criteria).getByText('8.1')).toBeInTheDocument();
    expect(screen.getByTestId('demo-data-tag')).toBeInTheDocument();
  });

  it('shows a predecessor’s results apart, labelled as that area’s, never as the ward’s own', async () => {
    mockApi({ 'GET /api/v1/public/units/26740': json(saiGonHistory) });
    renderApp('/public/units/26740');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Phường Sài Gòn' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    const predecessors = screen.getByTestId('predecessors');
    expect(within(predecessors).getByText('Quận 1 (Q1) – tiếp nhận một phần')).toBeInTheDocument();
    expect(
      within(predecessors).getByText(
        'Quận 1: Phường Bến Nghé; một phần Phường Đa Kao, Phường Nguyễn Thái Bình',
      ),
    ).toBeInTheDocument();
    // No series of its own: no round selector, no trend of the ward.
    expect(
      screen.getByText('Phường Sài Gòn chưa có kết quả được công bố của riêng mình.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: 'Kỳ đánh giá' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Kết quả của Phường Sài Gòn qua các kỳ đánh giá' }),
    ).not.toBeInTheDocument();

    // Quận 1's results, under its own name.
    const card = screen.getByTestId('predecessor-results-Q1');
    expect(
      within(card).getByRole('heading', { name: 'Kết quả của Quận 1 (đơn vị tiền thân)' }),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        'Đây là kết quả của Quận 1, không phải của Phường Sài Gòn. Phường Sài Gòn chỉ tiếp nhận một phần địa bàn của Quận 1.',
      ),
    ).toBeInTheDocument();
    const table = within(card).getByRole('table', {
      name: 'Kết quả của Quận 1 (đơn vị tiền thân)',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent.slice(0, 4))).toEqual(['2023', '2022']);
    expect(within(card).getByRole('link', { name: 'Trang của Quận 1' })).toHaveAttribute(
      'href',
      '/public/units/Q1',
    );
  });

  it('says so when the unit has no published results', async () => {
    mockApi({ 'GET /api/v1/public/units/XX': problem(404, 'Không tìm thấy đơn vị XX.') });
    renderApp('/public/units/XX');
    expect(
      await screen.findByText('Không tìm thấy đơn vị XX.', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Về bảng xếp hạng' })).toHaveAttribute(
      'href',
      '/public',
    );
  });
});
