import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';
import type { Me, Round } from '@/api/types';
import type { MockReply } from '@/test/api-mock';
import { json, mockApi, problem } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, tokenPair, unitGroups } from '@/test/fixtures';
import { publicRounds, results2022, results2023 } from '@/test/public-fixtures';
import { renderApp, startSignedIn } from '@/test/render';

type ProgressOut = components['schemas']['ProgressOut'];
type UnitProgress = components['schemas']['UnitProgress'];
type PublicResults = components['schemas']['PublicResults'];

const viewerMe: Me = {
  ...adminMe,
  username: 'lanh-dao',
  full_name: 'Trần Minh Đức',
  roles: ['viewer'],
};
const evaluatorMe: Me = { ...adminMe, username: 'tham-dinh', roles: ['evaluator'] };
const approverMe: Me = { ...adminMe, username: 'phe-duyet', roles: ['approver'] };

/** The 2023 round as the signed-in app lists it: published (public round 3). */
const round2023: Round = {
  ...demoRound,
  id: 3,
  title: 'Đánh giá chỉ số CĐS năm 2023',
  title_vi: 'Đánh giá chỉ số CĐS năm 2023',
  title_en: '2023 DX index assessment',
  phase: 'published',
  next_phases: [],
  is_demo: false,
};

/** The 2022 round (public round 2): published, with no earlier year. */
const round2022: Round = { ...round2023, id: 2, year: 2022 };

const LEVELS = [
  { code: 'khoi_dong', name_vi: 'Khởi động', name_en: 'Starting', min_index: '0' },
  { code: 'hinh_thanh', name_vi: 'Hình thành', name_en: 'Forming', min_index: '0.5' },
  { code: 'nang_cao', name_vi: 'Nâng cao', name_en: 'Advanced', min_index: '0.8' },
] as const;

/** `results` with the city's three levels: each unit's, and the counts per group. */
function withLevels(results: PublicResults): PublicResults {
  const levelOf = (index: string) =>
    [...LEVELS].reverse().find((level) => Number(index) >= Number(level.min_index)) ?? LEVELS[0];
  return {
    ...results,
    groups: results.groups.map((group) => ({
      ...group,
      level_counts: LEVELS.map((level) => ({
        ...level,
        count: group.rankings.filter((ranking) => levelOf(ranking.index).code === level.code)
          .length,
      })),
      rankings: group.rankings.map((ranking) => {
        const { code, name_vi, name_en } = levelOf(ranking.index);
        return { ...ranking, level: { code, name_vi, name_en } };
      }),
    })),
  };
}

const unitRow = (
  overrides: Partial<UnitProgress> & Pick<UnitProgress, 'unit_code' | 'unit_name_vi' | 'group'>,
): UnitProgress => ({
  status: 'in_progress',
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

function progressOf(roundId: number): ProgressOut {
  return {
    round_id: roundId,
    as_of: '2025-03-15',
    groups: [
      { group: 'SBN', units: 1, submitted: 1, accepted: 1, overdue: 0, answered_pct: '100.00' },
      { group: 'QH', units: 4, submitted: 1, accepted: 0, overdue: 1, answered_pct: '55.00' },
    ],
    units: [
      unitRow({ unit_code: 'SO-TTTT', unit_name_vi: 'Sở TT&TT', group: 'SBN', status: 'accepted' }),
      unitRow({ unit_code: 'Q1', unit_name_vi: 'Quận 1', group: 'QH', status: 'submitted' }),
      unitRow({ unit_code: 'Q3', unit_name_vi: 'Quận 3', group: 'QH', status: 'returned' }),
      unitRow({ unit_code: 'H-CC', unit_name_vi: 'Huyện Củ Chi', group: 'QH' }),
      unitRow({
        unit_code: 'TP-TD',
        unit_name_vi: 'Thành phố Thủ Đức',
        group: 'QH',
        status: 'not_started',
        overdue: true,
      }),
    ],
  };
}

function dashboardApi(
  me: Me,
  rounds: Round[],
  overrides: Record<string, MockReply | (() => MockReply)> = {},
) {
  startSignedIn();
  const progress = Object.fromEntries(
    rounds.map((round) => [`GET /api/v1/rounds/${round.id}/progress`, json(progressOf(round.id))]),
  );
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: rounds, total: rounds.length, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    ...progress,
    'GET /api/v1/public/rounds': json(publicRounds),
    'GET /api/v1/public/rounds/3/results': json(withLevels(results2023)),
    'GET /api/v1/public/rounds/2/results': json(withLevels(results2022)),
    ...overrides,
  });
}

const QH = 'Thành phố Thủ Đức, quận, huyện';

describe('the results overview (Tổng quan kết quả)', () => {
  it('shows a published round’s progress, levels, movers since the year before and index', async () => {
    dashboardApi(approverMe, [round2023]);
    renderApp('/dashboard?group=QH');
    const rises = await screen.findByRole(
      'table',
      { name: `Các đơn vị tăng hạng nhiều nhất so với năm 2022, nhóm ${QH}` },
      { timeout: 10_000 },
    );
    expect(
      screen.getByRole('heading', { level: 1, name: 'Tổng quan kết quả' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getByRole('link', { name: 'Tổng quan kết quả' })).toHaveAttribute(
      'href',
      '/dashboard',
    );

    // Progress: units per status in each group, the share submitted, and the link to the page.
    const statuses = screen.getByRole('table', {
      name: 'Số đơn vị theo trạng thái tự đánh giá, theo nhóm xếp hạng',
    });
    const qhRow = statuses.querySelector('tr[data-row-key="QH"]');
    if (!(qhRow instanceof HTMLElement)) throw new Error('no QH row');
    expect(
      within(qhRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      QH,
      '4', // units
      '1', // not started
      '1', // in progress
      '1', // submitted
      '1', // returned
      '0', // resubmitted
      '0', // accepted
      '25 %',
    ]);
    expect(within(statuses).getByText('Tất cả các nhóm')).toBeInTheDocument();
    expect(within(statuses).getByText('40 %')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem chi tiết tại trang Tiến độ' })).toHaveAttribute(
      'href',
      '/progress',
    );
    expect(screen.getByTestId('progress-group-QH')).toBeInTheDocument();

    // Where the figures come from.
    expect(screen.getByTestId('dashboard-source')).toHaveTextContent(
      'Số liệu kết quả lấy từ phiên bản công bố 2, ngày 20/02/2024. ' +
        'Thứ hạng được so với phiên bản công bố 1 của năm 2022, ngày 30/01/2023.',
    );
    expect(screen.queryByText('Kết quả của kỳ này chưa được công bố.')).not.toBeInTheDocument();

    // Levels: a chart named with its figures, and the counts as text.
    const counts = screen.getByRole('list', { name: `Số đơn vị theo mức độ, nhóm ${QH}` });
    expect(within(counts).getByText('Khởi động: 0 đơn vị')).toBeInTheDocument();
    expect(within(counts).getByText('Hình thành: 3 đơn vị')).toBeInTheDocument();
    expect(within(counts).getByText('Nâng cao: 1 đơn vị')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: `Biểu đồ cột: số đơn vị theo mức độ, nhóm ${QH}. Khởi động: 0 đơn vị; Hình thành: 3 đơn vị; Nâng cao: 1 đơn vị.`,
      }),
    ).toBeInTheDocument();

    // Movers: Q1 rose two places, Q3 fell one; unchanged H-CC and new TP-TD are in neither list.
    const q1 = within(rises).getByRole('link', { name: 'Quận 1' }).closest('tr') as HTMLElement;
    expect(within(rises).getByRole('link', { name: 'Quận 1' })).toHaveAttribute(
      'href',
      '/public/units/Q1?round=3',
    );
    expect(within(q1).getByText('▲2')).toBeInTheDocument();
    expect(within(q1).getByText('Tăng 2 bậc so với năm 2022')).toBeInTheDocument();
    expect(within(q1).getByText('0,8125')).toBeInTheDocument();
    expect(within(q1).getByText('Nâng cao')).toBeInTheDocument();
    expect(within(rises).getAllByRole('row')).toHaveLength(2); // the header and Q1
    const falls = screen.getByRole('table', {
      name: `Các đơn vị giảm hạng nhiều nhất so với năm 2022, nhóm ${QH}`,
    });
    expect(within(falls).getByRole('link', { name: 'Quận 3' })).toBeInTheDocument();
    expect(within(falls).getByText('▼1')).toBeInTheDocument();
    expect(within(falls).getByText('0,7600')).toBeInTheDocument();
    for (const table of [rises, falls]) {
      expect(within(table).queryByText('Huyện Củ Chi')).not.toBeInTheDocument();
      expect(within(table).queryByText('Thành phố Thủ Đức')).not.toBeInTheDocument();
    }
    expect(
      screen.getByText(
        /1 đơn vị không có trong bảng xếp hạng nhóm năm đó nên không được so sánh\./,
      ),
    ).toBeInTheDocument();

    // The index: average, median, highest and lowest, and each unit's in a chart with its table.
    const stats = screen.getByTestId('index-stats-QH');
    expect(within(stats).getByText('Trung vị').closest('.ant-statistic')).toHaveTextContent(
      '0,7600',
    );
    expect(within(stats).getByText('Cao nhất').closest('.ant-statistic')).toHaveTextContent(
      '0,8125',
    );
    expect(within(stats).getByText('Quận 1')).toBeInTheDocument();
    expect(within(stats).getByText('Thành phố Thủ Đức')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: new RegExp(`chỉ số của từng đơn vị nhóm ${QH}`) }),
    ).toBeInTheDocument();
    const figures = screen.getByRole('table', {
      name: `Chỉ số của từng đơn vị nhóm ${QH}, theo thứ hạng`,
    });
    expect(within(figures).getAllByRole('row')).toHaveLength(5);
  });

  it('says plainly when there is no earlier published year to compare with', async () => {
    dashboardApi(approverMe, [round2022]);
    renderApp('/dashboard?group=QH');
    expect(
      await screen.findByText(
        'Chưa có kết quả công bố của năm trước để so sánh thứ hạng.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /tăng hạng nhiều nhất/ })).not.toBeInTheDocument();
    expect(screen.getByTestId('dashboard-source')).toHaveTextContent(
      'Số liệu kết quả lấy từ phiên bản công bố 1, ngày 30/01/2023.',
    );
    expect(screen.getByTestId('dashboard-source')).not.toHaveTextContent('so với');
  });

  it('shows a failed earlier year where the movers would be, and retries it', async () => {
    let calls = 0;
    dashboardApi(approverMe, [round2023], {
      'GET /api/v1/public/rounds/2/results': () => {
        calls += 1;
        return calls === 1
          ? problem(404, 'Không tìm thấy kết quả đã công bố.')
          : json(withLevels(results2022));
      },
    });
    renderApp('/dashboard?group=QH');
    const alert = await screen.findByText(
      'Không tìm thấy kết quả đã công bố.',
      {},
      { timeout: 10_000 },
    );
    // The year's own results are still shown: its levels and its source.
    expect(screen.getByText('Hình thành: 3 đơn vị')).toBeInTheDocument();
    expect(screen.getByTestId('dashboard-source')).not.toHaveTextContent('so với');
    const user = userEvent.setup();
    await user.click(
      within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', {
        name: 'Thử lại',
      }),
    );
    expect(
      await screen.findByRole('table', {
        name: `Các đơn vị tăng hạng nhiều nhất so với năm 2022, nhóm ${QH}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('dashboard-source')).toHaveTextContent('so với phiên bản công bố 1');
  });

  it('shows leadership only the progress of a round not published yet, with no publish link', async () => {
    const { requests } = dashboardApi(viewerMe, [demoRound]);
    renderApp('/dashboard');
    expect(
      await screen.findByText('Kết quả của kỳ này chưa được công bố.', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('progress-group-QH')).toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: 'Số đơn vị theo trạng thái tự đánh giá, theo nhóm xếp hạng',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Công bố kết quả/ })).not.toBeInTheDocument();
    expect(screen.queryByTestId('dashboard-source')).not.toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    // Nothing of round 1 is asked of the public API: it is not in the published list.
    expect(
      requests.some((request) =>
        new URL(request.url).pathname.startsWith('/api/v1/public/rounds/'),
      ),
    ).toBe(false);
  });

  it('points DIC to the Publish page while the round is not published', async () => {
    dashboardApi(evaluatorMe, [demoRound]);
    renderApp('/dashboard');
    expect(
      await screen.findByRole(
        'link',
        { name: 'Tính điểm và công bố kết quả tại trang Công bố kết quả' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '/publish');
  });

  it('is not offered to a unit’s staff', async () => {
    dashboardApi(editorMe, [demoRound]);
    renderApp('/dashboard');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Không có quyền truy cập' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).queryByRole('link', { name: 'Tổng quan kết quả' })).not.toBeInTheDocument();
  });
});
