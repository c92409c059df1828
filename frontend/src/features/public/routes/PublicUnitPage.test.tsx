import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi, problem } from '@/test/api-mock';
import { methodology2023, tpTdHistory } from '@/test/public-fixtures';
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
    expect(within(predecessors).getByText('Quận 2 (Q2)')).toBeInTheDocument();
    expect(within(predecessors).getByText('Quận 9 (Q9)')).toBeInTheDocument();

    // History, newest first: 2023 as itself, 2022 as its predecessor Quận 2.
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
    expect(
      within(earlier).getByText('Kết quả của Quận 2 (Q2), đơn vị tiền thân.'),
    ).toBeInTheDocument();
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
    expect(
      screen.getByText('Theo phiên bản công bố 1. Kết quả của Quận 2 (Q2), đơn vị tiền thân.'),
    ).toBeInTheDocument();
    const criteria = screen.getByRole('table', {
      name: 'Điểm theo tiêu chí của Thành phố Thủ Đức năm 2022',
    });
    expect(within(criteria).getByText('8.1')).toBeInTheDocument();
    expect(screen.getByTestId('demo-data-tag')).toBeInTheDocument();
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
