import { describe, expect, it } from 'vitest';

import { clientStatus, expandScopes, mergeScopes, removeScope, toScopeBodies } from './scopes';

describe('client scopes', () => {
  it('expands elements × units in a round', () => {
    expect(expandScopes(['E-8.1-a', 'E-8.2-a'], ['Q1', 'Q3'], 4).map((s) => s.key)).toEqual([
      'E-8.1-a|Q1|4',
      'E-8.1-a|Q3|4',
      'E-8.2-a|Q1|4',
      'E-8.2-a|Q3|4',
    ]);
  });

  it('keeps "*" alone when it is picked with others', () => {
    expect(expandScopes(['*', 'E-8.1-a'], ['Q1', '*'], null)).toEqual([
      { key: '*|*|', element_code: '*', unit_code: '*', round_id: null },
    ]);
  });

  it('merges without repeats, in the API order', () => {
    const current = [
      { element_code: 'E-8.2-a', unit_code: 'Q1' },
      { element_code: 'E-8.1-a', unit_code: '*', round_id: null },
    ];
    const merged = mergeScopes(current, [
      ...expandScopes(['E-8.1-a'], ['*', 'Q1'], null),
      ...expandScopes(['E-8.1-a'], ['Q1'], 2),
    ]);
    expect(merged.map((s) => s.key)).toEqual(['E-8.1-a|*|', 'E-8.1-a|Q1|2', 'E-8.2-a|Q1|']);
    expect(toScopeBodies(removeScope(merged, 'E-8.1-a|Q1|2'))).toEqual([
      { element_code: 'E-8.1-a', unit_code: '*', round_id: null },
      { element_code: 'E-8.2-a', unit_code: 'Q1', round_id: null },
    ]);
  });

  it('says whether a client works', () => {
    expect(clientStatus({ is_active: true, is_expired: false })).toBe('active');
    expect(clientStatus({ is_active: true, is_expired: true })).toBe('expired');
    expect(clientStatus({ is_active: false, is_expired: true })).toBe('disabled');
  });
});
