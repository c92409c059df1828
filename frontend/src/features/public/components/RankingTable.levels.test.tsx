import { render, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { PublicGroup, PublicRanking } from '../api/public';

import { RankingTable } from './RankingTable';

const LEVELS = {
  khoi_dong: { code: 'khoi_dong', name_vi: 'Khởi động', name_en: 'Starting' },
  hinh_thanh: { code: 'hinh_thanh', name_vi: 'Hình thành', name_en: 'Forming' },
};

function ranking(rank: number, code: string, index: string, level: keyof typeof LEVELS) {
  return {
    rank,
    unit_code: code,
    unit_name_vi: `Tỉnh ${code}`,
    unit_name_en: `Province ${code}`,
    points: String(Number(index) * 1000),
    max_points: '1000',
    index,
    pillars: [],
    level: LEVELS[level],
    pillar_views: [
      {
        code: 'CQS',
        name_vi: 'Chính quyền số',
        name_en: 'Digital government',
        points: '548.34',
        max_points: '700',
        index: rank === 1 ? '0.7833' : '0.4000',
      },
    ],
  } satisfies PublicRanking;
}

const GROUP: PublicGroup = {
  code: 'TINH',
  name_vi: 'Tỉnh, thành phố',
  name_en: 'Provinces',
  unit_count: 2,
  average_points: '537.75',
  average_index: '0.5378',
  pillars: [],
  level_counts: [
    { code: 'khoi_dong', name_vi: 'Khởi động', name_en: 'Starting', min_index: '0', count: 1 },
    { code: 'hinh_thanh', name_vi: 'Hình thành', name_en: 'Forming', min_index: '0.6', count: 1 },
  ],
  rankings: [ranking(1, 'HCM', '0.7164', 'hinh_thanh'), ranking(2, 'LOW', '0.3582', 'khoi_dong')],
};

describe('the public ranking with levels and pillar views', () => {
  it("shows each unit's level badge and its pillar view values", () => {
    const { container } = render(
      <MemoryRouter>
        <RankingTable group={GROUP} roundId={9} />
      </MemoryRouter>,
    );
    // Queries by role walk antd's whole table: slow in jsdom; the header cells are read directly.
    const table = container.querySelector('table') as HTMLElement;
    expect(table).toHaveAttribute('aria-label', 'Xếp hạng nhóm Tỉnh, thành phố');
    const headers = [...table.querySelectorAll('th')].map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Mức độ', 'Trụ cột Chính quyền số']));
    const first = table.querySelector('tr[data-row-key="HCM"]') as HTMLElement;
    expect(within(first).getByText('Hình thành')).toHaveClass('level-tone-high');
    expect(first).toHaveTextContent('0,7833');
    const second = table.querySelector('tr[data-row-key="LOW"]') as HTMLElement;
    expect(within(second).getByText('Khởi động')).toHaveClass('level-tone-low');
  }, 30_000);

  it('has no level column when the framework sets no levels', () => {
    const plain = {
      ...GROUP,
      level_counts: [],
      rankings: GROUP.rankings.map((row) => ({ ...row, level: null, pillar_views: [] })),
    };
    const { container } = render(
      <MemoryRouter>
        <RankingTable group={plain} roundId={9} />
      </MemoryRouter>,
    );
    const headers = [...container.querySelectorAll('th')].map((cell) => cell.textContent);
    expect(headers).not.toContain('Mức độ');
  });
});
