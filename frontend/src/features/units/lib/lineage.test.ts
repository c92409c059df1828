import { describe, expect, it } from 'vitest';

import type { Unit } from '@/api/types';

import type { UnitHistory } from '../api/admin';
import { lineageEvents, lineageLayout } from './lineage';

const ward = (code: string, from: string | null = null, to: string | null = null): Unit => ({
  code,
  name_vi: `Phường ${code}`,
  name_en: `${code} Ward`,
  kind: 'ward',
  groups: [],
  parent_code: null,
  valid_from: from,
  valid_to: to,
  predecessors: [],
  is_provider: false,
  unverified: false,
});

const link = (
  predecessor: string,
  successor: string,
  share: 'whole' | 'part' | null,
  on: string,
) => ({
  predecessor_code: predecessor,
  successor_code: successor,
  share,
  effective_on: on,
  unverified: false,
});

// B and A merged into AB (2021); AB and C into ABC (2025); ABC split into X and Y (2030).
const history: UnitHistory = {
  unit: ward('ABC', '2025-07-01', '2029-12-31'),
  ancestors: [ward('AB'), ward('C'), ward('A'), ward('B')],
  successors: [ward('X'), ward('Y')],
  descendants: [ward('X'), ward('Y')],
  links: [
    link('A', 'AB', 'whole', '2021-01-01'),
    link('B', 'AB', 'part', '2021-01-01'),
    link('AB', 'ABC', 'whole', '2025-07-01'),
    link('C', 'ABC', 'whole', '2025-07-01'),
    link('ABC', 'X', 'part', '2030-01-01'),
    link('ABC', 'Y', 'part', '2030-01-01'),
  ],
};

describe('lineage layout', () => {
  it('puts ancestors left and successors right, one column per generation', () => {
    const layout = lineageLayout(history);
    const at = Object.fromEntries(
      layout.nodes.map((node) => [node.unit.code, [node.generation, node.row]]),
    );
    expect(at).toEqual({
      A: [-2, 0],
      B: [-2, 1],
      AB: [-1, 0],
      C: [-1, 1],
      ABC: [0, 0],
      X: [1, 0],
      Y: [1, 1],
    });
    expect(layout.first).toBe(-2);
    expect(layout.last).toBe(1);
    expect(layout.height).toBe(2);
    expect(layout.nodes.filter((node) => node.current).map((node) => node.unit.code)).toEqual([
      'ABC',
    ]);
    expect(layout.links).toHaveLength(6);
  });

  it('is a single column for a unit without mergers', () => {
    const layout = lineageLayout({
      ...history,
      ancestors: [],
      successors: [],
      descendants: [],
      links: [],
    });
    expect(layout.nodes.map((node) => node.unit.code)).toEqual(['ABC']);
    expect([layout.first, layout.last, layout.height]).toEqual([0, 0, 1]);
  });
});

describe('lineage events', () => {
  it('groups the links by day and successor, oldest first', () => {
    expect(lineageEvents(history.links)).toEqual([
      {
        date: '2021-01-01',
        successor: 'AB',
        parts: [
          { code: 'A', share: 'whole' },
          { code: 'B', share: 'part' },
        ],
      },
      {
        date: '2025-07-01',
        successor: 'ABC',
        parts: [
          { code: 'AB', share: 'whole' },
          { code: 'C', share: 'whole' },
        ],
      },
      { date: '2030-01-01', successor: 'X', parts: [{ code: 'ABC', share: 'part' }] },
      { date: '2030-01-01', successor: 'Y', parts: [{ code: 'ABC', share: 'part' }] },
    ]);
  });
});
