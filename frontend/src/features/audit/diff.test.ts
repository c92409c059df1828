import { describe, expect, it } from 'vitest';

import { canonical, diffEvent, diffValues, formatValue } from './diff';

describe('audit event difference', () => {
  it('lists every field of a creation as added', () => {
    expect(diffEvent(null, { name: 'Cục Thuế', is_active: true, email: null })).toEqual([
      { path: 'email', kind: 'added', after: null },
      { path: 'is_active', kind: 'added', after: true },
      { path: 'name', kind: 'added', after: 'Cục Thuế' },
    ]);
  });

  it('lists the items of a list that appears or goes whole', () => {
    expect(diffEvent(null, { roles: ['admin', 'viewer'] })).toEqual([
      { path: 'roles[]', kind: 'added', after: 'admin' },
      { path: 'roles[]', kind: 'added', after: 'viewer' },
    ]);
    expect(diffEvent({ groups: ['QH'] }, {})).toEqual([
      { path: 'groups[]', kind: 'removed', before: 'QH' },
    ]);
  });

  it('lists every field of a deletion as removed', () => {
    expect(diffEvent({ code: 'Q1' }, null)).toEqual([
      { path: 'code', kind: 'removed', before: 'Q1' },
    ]);
  });

  it('shows only the fields that changed, nested ones by their dotted path', () => {
    const before = {
      name: 'A',
      is_active: true,
      schedule: { collecting: '2025-03-01', final: null },
    };
    const after = {
      name: 'A',
      is_active: false,
      schedule: { collecting: '2025-04-01', final: null },
    };
    expect(diffEvent(before, after)).toEqual([
      { path: 'is_active', kind: 'changed', before: true, after: false },
      {
        path: 'schedule.collecting',
        kind: 'changed',
        before: '2025-03-01',
        after: '2025-04-01',
      },
    ]);
  });

  it('is empty when nothing changed, whatever the key order', () => {
    expect(diffEvent({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('shows the items added to and removed from a list, not the whole list twice', () => {
    const pair = (element: string, unit: string) => ({
      element_code: element,
      unit_code: unit,
      round_id: null,
    });
    const before = { scopes: [pair('E-8.1-a', '*'), pair('E-8.2-a', 'Q1')] };
    const after = { scopes: [pair('E-8.1-a', '*'), pair('E-T8', 'TPHCM')] };
    expect(diffEvent(before, after)).toEqual([
      { path: 'scopes[]', kind: 'removed', before: pair('E-8.2-a', 'Q1') },
      { path: 'scopes[]', kind: 'added', after: pair('E-T8', 'TPHCM') },
    ]);
  });

  it('counts repeated items in a list', () => {
    expect(diffValues(['a', 'a', 'b'], ['a', 'b'], 'roles')).toEqual([
      { path: 'roles[]', kind: 'removed', before: 'a' },
    ]);
  });

  it('shows a reordered list as one change', () => {
    expect(diffValues(['b', 'a'], ['a', 'b'], 'groups')).toEqual([
      { path: 'groups', kind: 'changed', before: ['b', 'a'], after: ['a', 'b'] },
    ]);
  });

  it('shows a value that changed type as a change', () => {
    expect(diffEvent({ expires_at: '2025-03-01T02:30:00+00:00' }, { expires_at: null })).toEqual([
      { path: 'expires_at', kind: 'changed', before: '2025-03-01T02:30:00+00:00', after: null },
    ]);
    expect(diffEvent({ roles: ['viewer'] }, { roles: 'viewer' })).toEqual([
      { path: 'roles', kind: 'changed', before: ['viewer'], after: 'viewer' },
    ]);
  });

  it('writes values as text: strings as they are, others as JSON', () => {
    expect(formatValue('Quận 1')).toBe('Quận 1');
    expect(formatValue(null)).toBe('null');
    expect(formatValue({ b: 1 })).toBe('{"b":1}');
    expect(canonical({ b: 1, a: [2] })).toBe('{"a":[2],"b":1}');
  });
});
