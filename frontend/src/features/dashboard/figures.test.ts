import { describe, expect, it } from 'vitest';

import type { PublicGroup, RankChange } from '@/features/public';
import { results2023 } from '@/test/public-fixtures';

import { indexStats, movers, statusCounts, totalCounts } from './figures';

function qh(): PublicGroup {
  const group = results2023.groups.find((candidate) => candidate.code === 'QH');
  if (!group) throw new Error('no QH group in the fixture');
  return group;
}

/** A group of `count` units ranked 1..count, index falling by 0.01 a place. */
function bigGroup(count: number): PublicGroup {
  const base = qh().rankings[0];
  if (!base) throw new Error('no ranking in the fixture');
  return {
    ...qh(),
    rankings: Array.from({ length: count }, (_, position) => ({
      ...base,
      rank: position + 1,
      unit_code: `U${position + 1}`,
      index: (0.9 - position * 0.01).toFixed(4),
    })),
  };
}

describe('movers', () => {
  it('lists at most five risers and five fallers, most places first, then by rank', () => {
    const group = bigGroup(14);
    const changes = new Map<string, RankChange>([
      ['U1', { kind: 'up', by: 3 }],
      ['U2', { kind: 'up', by: 1 }],
      ['U3', { kind: 'up', by: 5 }],
      ['U4', { kind: 'up', by: 3 }],
      ['U5', { kind: 'up', by: 2 }],
      ['U6', { kind: 'up', by: 4 }],
      ['U7', { kind: 'same' }],
      ['U8', { kind: 'down', by: 1 }],
      ['U9', { kind: 'down', by: 6 }],
      ['U10', { kind: 'down', by: 2 }],
      ['U11', { kind: 'new' }],
      ['U12', { kind: 'down', by: 2 }],
      // U13 and U14: not in the map (not ranked in the group before): new.
    ]);
    const result = movers(group, changes);
    expect(result.up.map((mover) => mover.ranking.unit_code)).toEqual([
      'U3',
      'U6',
      'U1',
      'U4',
      'U5',
    ]);
    expect(result.down.map((mover) => mover.ranking.unit_code)).toEqual(['U9', 'U10', 'U12', 'U8']);
    expect(result.newCount).toBe(3);
  });
});

describe('index statistics', () => {
  it('give the median (the middle two’s mean, rounded half up), highest and lowest', () => {
    // QH 2023: 0.8125, 0.7600, 0.7600, 0.6400.
    const stats = indexStats(qh().rankings);
    expect(stats?.median).toBe('0.7600');
    expect(stats?.best.index).toBe('0.8125');
    expect(stats?.best.units.map((unit) => unit.unit_code)).toEqual(['Q1']);
    expect(stats?.lowest.units.map((unit) => unit.unit_code)).toEqual(['TP-TD']);
    const [first, , , last] = qh().rankings;
    if (!first || !last) throw new Error('short fixture');
    expect(indexStats([first, last])?.median).toBe('0.7263'); // 0.72625, half up
    // (0.5000 + 0.5001) / 2 = 0.50005: half up to 0.5001, where the floats' mean gives 0.5000.
    expect(
      indexStats([
        { ...first, index: '0.5000' },
        { ...last, index: '0.5001' },
      ])?.median,
    ).toBe('0.5001');
    expect(indexStats(bigGroup(5).rankings)?.median).toBe('0.8800');
    expect(indexStats([])).toBeUndefined();
  });
});

describe('status counts', () => {
  it('count the units of each group at each status, and their sum', () => {
    const counts = statusCounts([
      { group: 'QH', status: 'not_started' },
      { group: 'QH', status: 'submitted' },
      { group: 'QH', status: 'submitted' },
      { group: 'SBN', status: 'returned' },
    ]);
    expect(counts.get('QH')).toMatchObject({ not_started: 1, submitted: 2, returned: 0 });
    expect(counts.get('SBN')).toMatchObject({ returned: 1, submitted: 0 });
    expect(totalCounts(counts.values())).toEqual({
      not_started: 1,
      in_progress: 0,
      submitted: 2,
      returned: 1,
      resubmitted: 0,
      accepted: 0,
    });
  });
});
