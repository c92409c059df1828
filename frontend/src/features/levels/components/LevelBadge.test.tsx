import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { LevelBadge } from './LevelBadge';
import { LevelCounts } from './LevelCounts';

const CITY = [
  { code: 'khoi_dong', name_vi: 'Khởi động', name_en: 'Starting', min_index: '0', count: 2 },
  { code: 'hinh_thanh', name_vi: 'Hình thành', name_en: 'Forming', min_index: '0.6', count: 18 },
  { code: 'nang_cao', name_vi: 'Nâng cao', name_en: 'Advanced', min_index: '0.8', count: 11 },
];
const ORDER = CITY.map((level) => level.code);

describe('level badges (mức độ)', () => {
  it('names the level and colours it by its place in the set, lowest warm, highest green', () => {
    const { rerender } = render(<LevelBadge level={CITY[0]} order={ORDER} />);
    expect(screen.getByText('Khởi động')).toHaveClass('level-tone-low');
    rerender(<LevelBadge level={CITY[1]} order={ORDER} />);
    expect(screen.getByText('Hình thành')).toHaveClass('level-tone-mid');
    rerender(<LevelBadge level={CITY[2]} order={ORDER} />);
    expect(screen.getByText('Nâng cao')).toHaveClass('level-tone-high');
    expect(screen.getByText('Nâng cao')).toHaveAttribute('data-level', 'nang_cao');
  });

  it('shows nothing for a unit whose framework sets no levels', () => {
    const { container } = render(<LevelBadge level={null} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('counts the units at each level with the range each level covers', () => {
    render(<LevelCounts counts={CITY} group="Sở, ban, ngành" />);
    const list = screen.getByRole('list', { name: 'Số đơn vị theo mức độ, nhóm Sở, ban, ngành' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Khởi độngKhởi động: 2 đơn vị (từ 0 đến dưới 0,6)',
      'Hình thànhHình thành: 18 đơn vị (từ 0,6 đến dưới 0,8)',
      'Nâng caoNâng cao: 11 đơn vị (từ 0,8 trở lên)',
    ]);
  });

  it('shows no list when the group has no levels', () => {
    const { container } = render(<LevelCounts counts={[]} group="QH" />);
    expect(container).toBeEmptyDOMElement();
  });
});
