import { describe, expect, it } from 'vitest';

import { publicRounds, results2022, results2023 } from '@/test/public-fixtures';

import { previousRound, rankChanges } from './rank-change';

function qhOf2023() {
  const group = results2023.groups.find((candidate) => candidate.code === 'QH');
  if (!group) throw new Error('no QH group in the fixture');
  return group;
}

describe('rank change against the previous published round', () => {
  it('compares with the newest round of an earlier year', () => {
    const city = { groups: ['SBN', 'QH'] };
    expect(previousRound(publicRounds.items, { ...city, year: 2023 })?.id).toBe(2);
    expect(previousRound(publicRounds.items, { ...city, year: 2022 })).toBeUndefined();
    // Whatever the list's order.
    expect(previousRound([...publicRounds.items].reverse(), { ...city, year: 2023 })?.id).toBe(2);
    expect(previousRound(publicRounds.items, { ...city, year: 2030 })?.id).toBe(3);
  });

  it('never compares with a round of other groups, such as the City’s provincial figures', () => {
    const [newest, older] = publicRounds.items;
    if (!newest || !older) throw new Error('the fixture has two rounds');
    const province = { ...older, id: 9, groups: ['TP'] };
    const rounds = [newest, province, older];
    expect(previousRound(rounds, { groups: ['SBN', 'QH'], year: 2023 })?.id).toBe(older.id);
    expect(previousRound(rounds, { groups: ['TP'], year: 2023 })?.id).toBe(9);
    expect(previousRound([newest, province], { groups: ['QH'], year: 2023 })).toBeUndefined();
  });

  it('matches units by code within the same group: up, down, unchanged, new', () => {
    const qh = qhOf2023();
    const changes = rankChanges(qh, results2022);
    expect(changes.get('Q1')).toEqual({ kind: 'up', by: 2 });
    expect(changes.get('Q3')).toEqual({ kind: 'down', by: 1 });
    expect(changes.get('H-CC')).toEqual({ kind: 'same' });
    expect(changes.get('TP-TD')).toEqual({ kind: 'new' });
  });

  it('treats a group the previous round did not have as new for everyone', () => {
    const qh = qhOf2023();
    const changes = rankChanges({ ...qh, code: 'PX' }, results2022);
    expect([...changes.values()].every((change) => change.kind === 'new')).toBe(true);
  });
});
