import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Framework, Me, Round } from '@/api/types';
import { saveFile } from '@/lib/save-file';
import { json, mockApi, problem } from '@/test/api-mock';
import type { MockReply } from '@/test/api-mock';
import { adminMe, criteria, demoRound, editorMe, framework, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { Stability, WhatIf, WhatIfUnit } from '../api/whatif';

// jsdom draws no canvas: the chart is a named placeholder (the figures are in the tables).
vi.mock('../components/IntervalChart', () => ({
  IntervalChart: ({ ariaLabel }: { ariaLabel: string }) => (
    <div role="img" aria-label={ariaLabel} />
  ),
}));

const published: Round = {
  ...demoRound,
  id: 2,
  year: 2022,
  title: 'Đánh giá chỉ số CĐS năm 2022 (dữ liệu minh họa)',
  title_vi: 'Đánh giá chỉ số CĐS năm 2022 (dữ liệu minh họa)',
  title_en: '2022 DX index assessment (demo data)',
  phase: 'published',
  next_phases: ['final'],
};
const draft: Framework = {
  ...framework,
  id: 3,
  code: 'HCMC-DTI-2024-DU-THAO',
  title_vi: 'Bộ chỉ số 2024 (dự thảo)',
  title_en: '2024 framework (draft)',
  status: 'draft',
  is_frozen: false,
  year: 2024,
};

const unit = (
  code: string,
  name: string,
  before: [string, number],
  after: [string, number],
): WhatIfUnit => ({
  unit_code: code,
  unit_name_vi: name,
  unit_name_en: name,
  base: { points: before[0], max_points: '1000.00', index: '0.5000', rank: before[1] },
  new: { points: after[0], max_points: '1030.00', index: '0.5000', rank: after[1] },
  points_change: String(Number(after[0]) - Number(before[0])),
  rank_change: before[1] - after[1],
});

const frameworkRef = (f: Framework) => ({
  id: f.id,
  code: f.code,
  title_vi: f.title_vi,
  title_en: f.title_en,
  status: f.status,
  revision: 1,
  year: f.year,
});

const whatIfAnswer: WhatIf = {
  round: {
    id: 2,
    year: 2022,
    title_vi: published.title_vi,
    title_en: published.title_en,
    phase: 'published',
    is_demo: true,
  },
  base_framework: frameworkRef(framework),
  scenario: {
    framework: frameworkRef(draft),
    weights: { '1': '2' },
    max_points: {},
    applied_weights: { '1': '2' },
    uncollected_elements: ['E-NEW'],
  },
  groups: [
    {
      code: 'QH',
      name_vi: 'Thành phố Thủ Đức, quận, huyện',
      name_en: 'Thủ Đức City and districts',
      units: [
        unit('Q3', 'Quận 3', ['700.00', 2], ['760.00', 1]),
        unit('Q1', 'Quận 1', ['720.00', 1], ['730.00', 2]),
        unit('Q4', 'Quận 4', ['500.00', 3], ['520.00', 3]),
      ],
    },
  ],
  summary: {
    units: 3,
    moved: 2,
    up: 1,
    down: 1,
    largest_moves: [
      {
        unit_code: 'Q3',
        unit_name_vi: 'Quận 3',
        unit_name_en: 'District 3',
        group: 'QH',
        base_rank: 2,
        new_rank: 1,
        rank_change: 1,
      },
    ],
  },
  computed_at: '2025-04-01T02:00:00Z',
};

const stabilityAnswer: Stability = {
  round: whatIfAnswer.round,
  base_framework: whatIfAnswer.base_framework,
  scenario: whatIfAnswer.scenario,
  spread_percent: '15',
  samples: 300,
  seed: 42,
  computed_at: '2025-04-01T02:00:00Z',
  groups: [
    {
      code: 'QH',
      name_vi: 'Thành phố Thủ Đức, quận, huyện',
      name_en: 'Thủ Đức City and districts',
      units: [
        {
          unit_code: 'Q3',
          unit_name_vi: 'Quận 3',
          unit_name_en: 'District 3',
          rank: 1,
          median_rank: '1.5',
          low_rank: 1,
          high_rank: 2,
          best_rank: 1,
          worst_rank: 3,
        },
      ],
    },
  ],
};

function whatIfApi(me: Me = adminMe, extra: Record<string, MockReply | (() => MockReply)> = {}) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/rounds': json({ items: [demoRound, published], total: 2, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks': json({ items: [framework, draft], total: 2, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks/2/criteria': json(criteria),
    'GET /api/v1/frameworks/3/criteria': json(criteria),
    'POST /api/v1/rounds/2/what-if': json(whatIfAnswer),
    'POST /api/v1/rounds/2/rank-stability': json(stabilityAnswer),
    'POST /api/v1/rounds/2/what-if.xlsx': json('xlsx bytes'),
    ...extra,
  });
}

const user = () => userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });

async function openPage(path = '/what-if') {
  renderApp(path);
  await screen.findByText('Thiết lập mô phỏng', {}, { timeout: 10_000 });
}

/** A button by its visible text (role queries over the whole app are slow while it renders). */
const button = (text: string) =>
  screen.getByText(text, { selector: 'button span' }).closest('button') as HTMLButtonElement;

const bodyRows = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].filter(
    (row) => !row.classList.contains('ant-table-measure-row'),
  ) as HTMLElement[];

const posted = async (requests: Request[], path: string) => {
  const found = requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === path);
  return (await found.at(-1)?.json()) as unknown;
};

describe('the what-if page (Mô phỏng)', () => {
  it('runs a draft against the published round and shows each unit’s rank change', async () => {
    const { requests } = whatIfApi();
    await openPage('/what-if?framework=3');
    const u = user();
    // The newest published round is the default; the framework comes from the address.
    expect(screen.getByTitle(/2022 – Đánh giá chỉ số CĐS năm 2022/)).toBeInTheDocument();
    expect(screen.getByTitle(/HCMC-DTI-2024-DU-THAO/)).toBeInTheDocument();

    // Pillar 1 has one max in both groups; pillar 8 applies to QH alone, so one max too.
    const weight = await screen.findByLabelText('Trọng số mới của tiêu chí 1');
    await u.type(weight, '2');
    expect(screen.getByLabelText('Điểm tối đa mới của tiêu chí 1')).toBeDisabled();
    expect(screen.getByText('1 thay đổi')).toBeInTheDocument();
    await u.click(button('Chạy mô phỏng'));

    const table = await screen.findByLabelText(
      'Thay đổi thứ hạng – nhóm QH – Thành phố Thủ Đức, quận, huyện',
      { selector: 'table' },
    );
    expect(await posted(requests, '/api/v1/rounds/2/what-if')).toEqual({
      framework_id: 3,
      weights: { '1': 2 },
    });
    const rows = bodyRows(table);
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual(['1', '2', '3']);
    expect(within(rows[0] as HTMLElement).getByText('Lên 1 hạng')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('Xuống 1 hạng')).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText('Giữ nguyên hạng')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText('+60')).toBeInTheDocument();

    const summary = screen.getByLabelText('Tóm tắt', { selector: 'section' });
    expect(within(summary).getByText('Quận 3 (QH): hạng 2 → 1')).toBeInTheDocument();
    expect(screen.getByText(/chưa thu thập \(E-NEW\)/)).toBeInTheDocument();

    // Filter to the movers: Q4 kept its rank.
    await u.click(screen.getByLabelText('Chỉ hiện đơn vị đổi hạng'));
    await waitFor(() => expect(within(table).queryByText('Quận 4')).not.toBeInTheDocument());
    expect(within(table).getByText('Quận 3')).toBeInTheDocument();

    // Changing the scenario marks the results as out of date.
    await u.clear(weight);
    expect(await screen.findByText(/Thiết lập đã thay đổi sau lần chạy/)).toBeInTheDocument();
  }, 60_000);

  it('shows the API’s refusal with the field at fault', async () => {
    whatIfApi(adminMe, {
      'POST /api/v1/rounds/2/what-if': problem(422, 'Dữ liệu gửi lên không hợp lệ (1 lỗi).', {
        errors: [{ field: 'max_points.8', message: 'Bộ chỉ số không có tiêu chí 8.' }],
      }),
    });
    await openPage();
    const u = user();
    await u.type(await screen.findByLabelText('Điểm tối đa mới của tiêu chí 8'), '700');
    await u.click(button('Chạy mô phỏng'));
    expect(await screen.findByText(/Bộ chỉ số không có tiêu chí 8\./)).toBeInTheDocument();
    expect(screen.getByText('max_points.8')).toBeInTheDocument();
  }, 40_000);

  it('computes rank stability with a seed and shows each unit’s interval', async () => {
    const { requests } = whatIfApi();
    await openPage();
    const u = user();
    await u.click(screen.getByText('Độ ổn định thứ hạng'));
    const seed = await screen.findByLabelText('Hạt giống (seed)');
    await u.clear(seed);
    await u.type(seed, '42');
    const spread = screen.getByLabelText('Biên độ trọng số (± %)');
    await u.clear(spread);
    await u.type(spread, '15');
    await u.click(button('Tính độ ổn định'));

    const table = await screen.findByLabelText(
      'Độ ổn định thứ hạng – nhóm QH – Thành phố Thủ Đức, quận, huyện',
      { selector: 'table' },
    );
    expect(await posted(requests, '/api/v1/rounds/2/rank-stability')).toEqual({
      framework_id: 2,
      spread_percent: 15,
      samples: 200,
      seed: 42,
    });
    const row = bodyRows(table)[0] as HTMLElement;
    expect(within(row).getByText('1,5')).toBeInTheDocument();
    expect(within(row).getByText('1–2')).toBeInTheDocument();
    expect(within(row).getByText('1–3')).toBeInTheDocument();
    expect(screen.getByLabelText(/Biểu đồ khoảng thứ hạng của nhóm QH/)).toBeVisible();
    expect(screen.getByText(/hạt giống 42/)).toBeInTheDocument();
  }, 40_000);

  it('downloads both as a workbook with the scenario and the stability parameters', async () => {
    const { requests } = whatIfApi();
    await openPage('/what-if?round=2&framework=3');
    await user().click(button('Tải Excel (mô phỏng và độ ổn định)'));
    await waitFor(() =>
      expect(saveFile).toHaveBeenCalledWith(expect.anything(), 'mo-phong-ky-2.xlsx'),
    );
    expect(await posted(requests, '/api/v1/rounds/2/what-if.xlsx')).toEqual({
      framework_id: 3,
      stability: { spread_percent: 10, samples: 200, seed: 1 },
    });
  }, 30_000);

  it('is in the menu for DIC, after the frameworks', async () => {
    whatIfApi();
    await openPage();
    const nav = screen.getByLabelText('Điều hướng chính', { selector: 'nav' });
    expect(within(nav).getByText('Mô phỏng').closest('a')).toHaveAttribute('href', '/what-if');
  });

  it('refuses a unit’s staff', async () => {
    whatIfApi(editorMe);
    renderApp('/what-if');
    expect(await screen.findByText(/không có quyền/i, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText('Thiết lập mô phỏng')).not.toBeInTheDocument();
  });
});
