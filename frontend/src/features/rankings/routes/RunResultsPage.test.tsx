import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Me } from '@/api/types';
import type { UnitResult } from '@/features/feedback';
import type { ScoreRun } from '@/features/publish';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, explanation12, tokenPair, unitGroups } from '@/test/fixtures';
import { publicRounds, results2022 } from '@/test/public-fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { RunGroup, RunRanking, RunResults } from '../api/rankings';

const approverMe: Me = { ...adminMe, username: 'approver', roles: ['approver'] };

const run = (id: number, kind: ScoreRun['kind']): ScoreRun => ({
  id,
  round_id: 1,
  kind,
  shared_with_units: false,
  input_hash: `${String(id).repeat(12)}${'a'.repeat(52)}`,
  unit_count: 3,
  created_by: 'evaluator',
  created_at: `2024-01-0${id}T02:00:00Z`,
});

const ranking = (rank: number, code: string, name: string, index: string): RunRanking => ({
  rank,
  unit_code: code,
  unit_name_vi: name,
  points: String(Number(index) * 1000),
  max_points: '1000',
  index,
  pillars: [
    {
      code: '1',
      name_vi: 'Nhận thức số',
      points: String(Number(index) * 100),
      max_points: '100',
      index,
      rank,
      applicable: true,
    },
  ],
  level: null,
  pillar_views: [],
});

const qh = (rankings: RunRanking[]): RunGroup => ({ code: 'QH', rankings, level_counts: [] });

/** Run #5 (final): Q1 first. Run #4 (draft): Q3 first, Q1 second. 2022: Q3, H-CC, Q1. */
const final: RunResults = {
  run: run(5, 'final'),
  groups: [
    qh([
      ranking(1, 'Q1', 'Quận 1', '0.8125'),
      ranking(2, 'Q3', 'Quận 3', '0.7600'),
      ranking(3, 'TP-TD', 'Thành phố Thủ Đức', '0.6400'),
    ]),
  ],
};
const draft: RunResults = {
  run: run(4, 'draft'),
  groups: [
    qh([
      ranking(1, 'Q3', 'Quận 3', '0.7700'),
      ranking(2, 'Q1', 'Quận 1', '0.7500'),
      ranking(3, 'TP-TD', 'Thành phố Thủ Đức', '0.6400'),
    ]),
  ],
};

const q1Result: UnitResult = {
  run: run(5, 'final'),
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  group: 'QH',
  total: {
    code: 'total',
    name_vi: null,
    points: '812.50',
    max_points: '1000.00',
    index: '0.8125',
    rank: 1,
    applicable: true,
  },
  nodes: [
    {
      code: '1',
      name_vi: 'Nhận thức số',
      points: '81.25',
      max_points: '100.00',
      index: '0.8125',
      rank: 1,
      applicable: true,
    },
    {
      code: '1.2',
      name_vi: 'Số cuộc họp của Ban chỉ đạo CĐS trong năm',
      points: '5.00',
      max_points: '20.00',
      index: '0.2500',
      rank: null,
      applicable: true,
    },
  ],
  explanations: {
    '1.2': explanation12,
  },
};

function setup() {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(approverMe),
    'GET /api/v1/rounds': json({
      items: [{ ...demoRound, phase: 'final', next_phases: ['published'] }],
      total: 1,
      limit: 100,
      offset: 0,
    }),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/rounds/1/score-runs': json([run(5, 'final'), run(4, 'draft'), run(3, 'draft')]),
    'GET /api/v1/rounds/1/score-runs/5/results': json(final),
    'GET /api/v1/rounds/1/score-runs/4/results': json(draft),
    'GET /api/v1/rounds/1/score-runs/3/results': json(final),
    'GET /api/v1/rounds/1/score-runs/5/results/Q1': json(q1Result),
    'GET /api/v1/public/rounds': json(publicRounds),
    'GET /api/v1/public/rounds/2/results': json(results2022),
  });
}

const user = () => userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });

async function rankingTable(): Promise<HTMLElement> {
  await screen.findByText('Xếp hạng lần tính #5', {}, { timeout: 10_000 });
  return screen.findByRole(
    'table',
    { name: 'Xếp hạng nhóm Thành phố Thủ Đức, quận, huyện' },
    { timeout: 5_000 },
  );
}

const rowOf = (table: HTMLElement, code: string) =>
  table.querySelector(`tr[data-row-key="${code}"]`) as HTMLElement;

describe('a score run’s rankings (Xếp hạng lần tính)', () => {
  it('ranks each group with movement against the run before and the last published year', async () => {
    setup();
    renderApp('/rounds/1/score-runs/5');
    const table = await rankingTable();
    expect(within(table).getAllByText('So với lần #4')).not.toHaveLength(0);
    await waitFor(() => expect(within(table).getAllByText('So với 2022')).not.toHaveLength(0));
    // Q1: 2nd in run #4, 3rd in 2022; Q3: 1st in both; Thủ Đức: not ranked in 2022.
    const q1 = rowOf(table, 'Q1');
    expect(within(q1).getByText('Lên 1 bậc so với lần tính #4')).toBeInTheDocument();
    expect(within(q1).getByText('Tăng 2 bậc so với năm 2022')).toBeInTheDocument();
    expect(
      within(rowOf(table, 'Q3')).getByText('Xuống 1 bậc so với lần tính #4'),
    ).toBeInTheDocument();
    expect(
      within(rowOf(table, 'TP-TD')).getByTitle('Không có trong bảng xếp hạng nhóm này năm 2022'),
    ).toBeInTheDocument();
    expect(q1).toHaveTextContent('0,8125');
    expect(q1).toHaveTextContent('812,5 / 1000');
    expect(q1).toHaveTextContent('81,25');
  });

  it('compares with the run the reader chooses, or with none', async () => {
    setup();
    const { router } = renderApp('/rounds/1/score-runs/5?against=3');
    const table = await rankingTable();
    // Run #3 ranked as run #5 did: nobody moved.
    await waitFor(() => expect(within(table).getAllByText('So với lần #3')).not.toHaveLength(0));
    expect(
      within(rowOf(table, 'Q1')).getByText('Giữ nguyên thứ hạng so với lần tính #3'),
    ).toBeInTheDocument();
    await router.navigate('/rounds/1/score-runs/5?against=none');
    await waitFor(() => expect(within(table).queryAllByText(/^So với lần #/)).toHaveLength(0));
  });

  it('opens a unit’s results down to the explanation of its points', async () => {
    setup();
    renderApp('/rounds/1/score-runs/5');
    const table = await rankingTable();
    // Text queries: role queries over the whole app are slow while it renders.
    await user().click(
      within(rowOf(table, 'Q1')).getByText('Quận 1').closest('button') as HTMLElement,
    );
    const drawer = (await screen.findByText('Quận 1 – lần tính #5')).closest(
      '.ant-drawer',
    ) as HTMLElement;
    expect(await within(drawer).findByText(/Số cuộc họp của Ban chỉ đạo CĐS/)).toBeInTheDocument();
    expect(drawer).toHaveTextContent('812,5');
    await user().click(
      drawer.querySelector('tr[data-row-key="1.2"] .ant-table-row-expand-icon') as HTMLElement,
    );
    expect(await within(drawer).findByText('x = 2 đạt bậc ≥ 1 → 5,00 điểm')).toBeInTheDocument();
  });

  it('says so when the run is not the round’s', async () => {
    setup();
    renderApp('/rounds/1/score-runs/9');
    expect(
      await screen.findByText(
        'Không tìm thấy lần tính điểm này trong kỳ đánh giá.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});
