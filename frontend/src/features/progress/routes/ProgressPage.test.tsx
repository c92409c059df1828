import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { components } from '@/api/schema';
import type { Me } from '@/api/types';
import { saveFile } from '@/lib/save-file';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, tokenPair, unitGroups } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import { formatPercentNumber, percentValue } from '../percent';

type ProgressOut = components['schemas']['ProgressOut'];
type UnitProgress = components['schemas']['UnitProgress'];

const viewerMe: Me = {
  ...adminMe,
  username: 'lanh-dao',
  full_name: 'Trần Minh Đức',
  roles: ['viewer'],
};

const row = (
  overrides: Partial<UnitProgress> & Pick<UnitProgress, 'unit_code' | 'unit_name_vi' | 'group'>,
) => ({
  status: 'in_progress' as const,
  indicators: 20,
  answered: 10,
  answered_pct: '50.00',
  evidence_needed: 8,
  evidence_done: 2,
  evidence_pct: '25.00',
  returned: 0,
  last_activity: '2025-03-01T02:00:00Z',
  deadline: '2025-03-31',
  deadline_at: '2025-03-31T16:59:59Z',
  extended_until: null,
  overdue: false,
  complete: false,
  ...overrides,
});

const units: UnitProgress[] = [
  row({
    unit_code: 'Q1',
    unit_name_vi: 'Quận 1',
    group: 'QH',
    answered: 17,
    answered_pct: '87.50',
    returned: 2,
  }),
  row({
    unit_code: 'H-CC',
    unit_name_vi: 'Huyện Củ Chi',
    group: 'QH',
    status: 'not_started',
    answered: 0,
    answered_pct: '0.00',
    evidence_done: 0,
    evidence_pct: '0.00',
    last_activity: null,
    overdue: true,
  }),
  row({
    unit_code: 'SO-TTTT',
    unit_name_vi: 'Sở Thông tin và Truyền thông',
    group: 'SBN',
    status: 'submitted',
    answered: 20,
    answered_pct: '100.00',
    evidence_done: 8,
    evidence_pct: '100.00',
    complete: true,
  }),
];

const progress: ProgressOut = {
  round_id: 1,
  as_of: '2025-03-15',
  groups: [
    { group: 'SBN', units: 1, submitted: 1, accepted: 0, overdue: 0, answered_pct: '100.00' },
    { group: 'QH', units: 2, submitted: 0, accepted: 0, overdue: 1, answered_pct: '43.75' },
  ],
  units,
};

function progressApi(me: Me = adminMe) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/rounds/1/progress': (request) => {
      const group = new URL(request.url).searchParams.get('group');
      if (!group) return json(progress);
      return json({
        ...progress,
        groups: progress.groups.filter((item) => item.group === group),
        units: units.filter((unit) => unit.group === group),
      });
    },
    'GET /api/v1/rounds/1/progress.xlsx': {
      status: 200,
      body: 'xlsx',
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
  });
}

const unitRow = (code: string) => {
  const cell = screen.getByText(
    (_, element) => element?.tagName === 'TD' && element.textContent.startsWith(`${code} – `),
  );
  return cell.closest('tr') as HTMLElement;
};

describe('the progress page (Tiến độ)', () => {
  it('shows each group’s summary and each unit’s status, answers, evidence and deadline', async () => {
    progressApi();
    renderApp('/progress');
    // A text query first: role queries over the whole app are slow while it renders.
    await screen.findByText('Quận 1', {}, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 1, name: 'Tiến độ' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getByRole('link', { name: 'Tiến độ' })).toBeInTheDocument();
    expect(screen.getByText('Số liệu tính đến ngày 15/03/2025.')).toBeInTheDocument();

    // Per group: units, submitted / accepted / overdue out of units, and the average answered.
    const qh = screen.getByTestId('progress-group-QH');
    expect(
      within(qh).getByRole('heading', { name: 'Thành phố Thủ Đức, quận, huyện' }),
    ).toBeInTheDocument();
    expect(within(qh).getAllByText('43,8 %').length).toBeGreaterThan(0);
    expect(
      within(qh).getByRole('progressbar', { name: 'Thành phố Thủ Đức, quận, huyện: Quá hạn' }),
    ).toHaveAttribute('aria-valuetext', '1/2');
    expect(
      within(qh).getByRole('progressbar', { name: 'Thành phố Thủ Đức, quận, huyện: Đã nộp' }),
    ).toHaveAttribute('aria-valuenow', '0');
    const sbn = screen.getByTestId('progress-group-SBN');
    expect(
      within(sbn).getByRole('progressbar', { name: 'Sở, ban, ngành: Đã nộp' }),
    ).toHaveAttribute('aria-valuetext', '1/1');

    // Per unit.
    const q1 = unitRow('Q1');
    expect(
      within(q1).getByRole('link', { name: 'Xem bài tự đánh giá của Q1 – Quận 1' }),
    ).toHaveAttribute('href', '/rounds/1/units/Q1/assessment');
    expect(within(q1).getByText('Đang nhập liệu')).toBeInTheDocument();
    expect(within(q1).getByText('17/20')).toBeInTheDocument();
    expect(
      within(q1).getByRole('progressbar', { name: 'Số chỉ số Q1 đã trả lời' }),
    ).toHaveAttribute('aria-valuetext', '17/20 (87,5 %)');
    expect(within(q1).getByText('2/8')).toBeInTheDocument();
    expect(within(q1).getByText('2')).toBeInTheDocument();
    expect(within(q1).getByText('31/03/2025')).toBeInTheDocument();
    expect(within(q1).queryByText('Quá hạn')).not.toBeInTheDocument();
    expect(within(q1).queryByText('Đã nộp đủ')).not.toBeInTheDocument();

    const cuChi = unitRow('H-CC');
    expect(within(cuChi).getByText('Chưa bắt đầu')).toBeInTheDocument();
    expect(within(cuChi).getByText('Quá hạn')).toBeInTheDocument();
    expect(within(cuChi).getByText('Chưa có')).toBeInTheDocument();

    const department = unitRow('SO-TTTT');
    expect(within(department).getByText('Đã nộp, chờ thẩm định')).toBeInTheDocument();
    expect(within(department).getByText('Đã nộp đủ')).toBeInTheDocument();
    expect(screen.getByText('3 đơn vị')).toBeInTheDocument();
  });

  it('shows one group at a time, from the server, and remembers it in the address', async () => {
    const { requests } = progressApi();
    const { router } = renderApp('/progress');
    await screen.findByText('Sở Thông tin và Truyền thông', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    const groups = screen.getByRole('radiogroup', { name: 'Nhóm xếp hạng' });
    await user.click(within(groups).getByText('Thành phố Thủ Đức, quận, huyện'));
    await waitFor(() =>
      expect(screen.queryByText('Sở Thông tin và Truyền thông')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Quận 1')).toBeInTheDocument();
    expect(screen.queryByTestId('progress-group-SBN')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?group=QH');
    expect(
      requests.some(
        (request) =>
          request.url.includes('/rounds/1/progress?') &&
          new URL(request.url).searchParams.get('group') === 'QH',
      ),
    ).toBe(true);
  });

  it('downloads the table as Excel, signed in and for the chosen group', async () => {
    const { requests } = progressApi();
    renderApp('/progress?group=SBN');
    await screen.findByText('Sở Thông tin và Truyền thông', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Tải Excel/ }));
    await waitFor(() =>
      expect(saveFile).toHaveBeenCalledWith(expect.anything(), 'tien-do-ky-1-SBN.xlsx'),
    );
    expect(vi.mocked(saveFile).mock.lastCall?.[0].type).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const download = requests.find(
      (request) => new URL(request.url).pathname === '/api/v1/rounds/1/progress.xlsx',
    );
    expect(download?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(new URL(download?.url ?? 'http://x').searchParams.get('group')).toBe('SBN');
  });

  it('lets leadership read the progress, without links to assessments they may not open', async () => {
    progressApi(viewerMe);
    renderApp('/progress');
    expect(await screen.findByText('Quận 1', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Xem bài tự đánh giá/ })).not.toBeInTheDocument();
  });

  it('is not offered to a unit’s staff', async () => {
    progressApi(editorMe);
    renderApp('/progress');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Không có quyền truy cập' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).queryByRole('link', { name: 'Tiến độ' })).not.toBeInTheDocument();
  });
});

describe('percentages', () => {
  it('read the API’s decimal strings, in the language’s separator, within 0–100', () => {
    expect(percentValue('87.50')).toBe(87.5);
    expect(percentValue('not a number')).toBe(0);
    expect(percentValue('120')).toBe(100);
    expect(formatPercentNumber('87.50', 'vi')).toBe('87,5');
    expect(formatPercentNumber('43.75', 'en')).toBe('43.8');
    expect(formatPercentNumber('100.00', 'vi')).toBe('100');
  });
});
