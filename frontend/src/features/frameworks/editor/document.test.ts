import i18n from 'i18next';
import { describe, expect, it } from 'vitest';

import { localProblems, serverProblems } from './checks';
import type { EditorDoc, EditorNode, FrameworkDoc } from './document';
import {
  addChild,
  addSibling,
  dropNode,
  fromDocument,
  groupTotals,
  indentNode,
  locate,
  maxByNode,
  moveNode,
  newIndicator,
  nextCode,
  nodeOfPath,
  outdentNode,
  removeNode,
  toDocument,
  walk,
} from './document';

function leaf(code: string, max: string, groups: string[] | null = null) {
  return {
    code,
    name_vi: `Chỉ số ${code}`,
    name_en: `Indicator ${code}`,
    groups,
    weight: '1',
    max_points: max,
    inputs: [],
    rule: { kind: 'manual' as const },
    not_applicable_when_missing: false,
    evidence_required: false,
    guidance: {},
    children: [],
  };
}

const source: FrameworkDoc = {
  code: 'T-2026',
  title_vi: 'Thử',
  title_en: 'Trial',
  legal_basis: null,
  year: 2026,
  groups: ['SBN', 'QH'],
  elements: [],
  criteria: [
    {
      ...leaf('1', ''),
      max_points: null,
      rule: { kind: 'sum_of_children' },
      children: [leaf('1.1', '10'), leaf('1.2', '20', ['SBN'])],
    },
    { ...leaf('2', '30'), weight: '2' },
  ],
};

type Shape = (string | [string, Shape])[];
const codes = (nodes: readonly EditorNode[]): Shape =>
  nodes.map((node) => (node.children.length ? [node.code, codes(node.children)] : node.code));

function keyOf(doc: EditorDoc, code: string): string {
  const found = walk(doc.criteria).find((node) => node.code === code);
  if (!found) throw new Error(code);
  return found.key;
}

describe('the editor document', () => {
  it('gives every node a key and strips the keys again for the API', () => {
    const doc = fromDocument(source);
    expect(new Set(walk(doc.criteria).map((node) => node.key)).size).toBe(4);
    expect(toDocument(doc)).toEqual(source);
  });

  it('adds a child, which makes a leaf an inner node that sums its children', () => {
    const doc = fromDocument(source);
    const two = keyOf(doc, '2');
    const next = addChild(doc.criteria, two, newIndicator('2.1', { vi: 'Mới', en: 'New' }));
    const inner = locate(next, two)?.node;
    expect(inner?.rule).toEqual({ kind: 'sum_of_children' });
    expect(inner?.max_points).toBeNull();
    expect(codes(next)).toEqual([
      ['1', ['1.1', '1.2']],
      ['2', ['2.1']],
    ]);
  });

  it('adds a sibling right after the selected node', () => {
    const doc = fromDocument(source);
    const next = addSibling(
      doc.criteria,
      keyOf(doc, '1.1'),
      newIndicator('1.3', { vi: 'a', en: 'a' }),
    );
    expect(codes(next)).toEqual([['1', ['1.1', '1.3', '1.2']], '2']);
  });

  it('removes a node; a parent left without children becomes an indicator again', () => {
    const doc = fromDocument(source);
    let nodes = removeNode(doc.criteria, keyOf(doc, '1.1'));
    expect(codes(nodes)).toEqual([['1', ['1.2']], '2']);
    nodes = removeNode(nodes, keyOf(doc, '1.2'));
    const one = nodes[0];
    expect(one?.children).toEqual([]);
    expect(one?.rule).toEqual({ kind: 'manual' });
    expect(one?.max_points).toBe('0');
  });

  it('moves a node up and down among its siblings, not past the ends', () => {
    const doc = fromDocument(source);
    const twelve = keyOf(doc, '1.2');
    expect(codes(moveNode(doc.criteria, twelve, -1))).toEqual([['1', ['1.2', '1.1']], '2']);
    expect(codes(moveNode(doc.criteria, twelve, 1))).toEqual([['1', ['1.1', '1.2']], '2']);
    expect(codes(moveNode(doc.criteria, keyOf(doc, '2'), -1))).toEqual([
      '2',
      ['1', ['1.1', '1.2']],
    ]);
  });

  it('indents under the previous sibling and outdents after the parent', () => {
    const doc = fromDocument(source);
    const indented = indentNode(doc.criteria, keyOf(doc, '1.2'));
    expect(codes(indented)).toEqual([['1', [['1.1', ['1.2']]]], '2']);
    const back = outdentNode(indented, keyOf(doc, '1.2'));
    expect(codes(back)).toEqual([['1', ['1.1', '1.2']], '2']);
    // 1.1 lost its only child: an indicator again.
    expect(locate(back, keyOf(doc, '1.1'))?.node.rule.kind).toBe('manual');
    expect(codes(outdentNode(doc.criteria, keyOf(doc, '1.1')))).toEqual([
      ['1', ['1.2']],
      '1.1',
      '2',
    ]);
  });

  it('drops a node before, after or inside another, never inside itself', () => {
    const doc = fromDocument(source);
    const [two, eleven, one] = [keyOf(doc, '2'), keyOf(doc, '1.1'), keyOf(doc, '1')];
    expect(codes(dropNode(doc.criteria, two, eleven, 'before'))).toEqual([
      ['1', ['2', '1.1', '1.2']],
    ]);
    expect(codes(dropNode(doc.criteria, eleven, two, 'after'))).toEqual([
      ['1', ['1.2']],
      '2',
      '1.1',
    ]);
    expect(codes(dropNode(doc.criteria, eleven, two, 'inside'))).toEqual([
      ['1', ['1.2']],
      ['2', ['1.1']],
    ]);
    expect(codes(dropNode(doc.criteria, one, eleven, 'inside'))).toEqual(codes(doc.criteria));
  });

  it('proposes the next free code under a parent', () => {
    const doc = fromDocument(source);
    const one = locate(doc.criteria, keyOf(doc, '1'))?.node ?? null;
    expect(nextCode(doc.criteria, one)).toBe('1.3');
    expect(nextCode(doc.criteria, null)).toBe('3');
  });

  it('totals the max points per group as the API does: groups and weights', () => {
    const doc = fromDocument(source);
    // SBN: 10 + 20 + 2 × 30; QH: 10 + 2 × 30 (1.2 is SBN only).
    expect(groupTotals(doc)).toEqual({ SBN: 90, QH: 70 });
    expect(maxByNode(doc.criteria, doc.groups).get(keyOf(doc, '1'))).toEqual({ SBN: 30, QH: 10 });
  });

  it('finds the node an API field path names', () => {
    const doc = fromDocument(source);
    expect(nodeOfPath(doc.criteria, 'criteria[0].children[1].rule.bands[0].points')).toEqual({
      key: keyOf(doc, '1.2'),
      field: 'rule.bands[0].points',
    });
    expect(nodeOfPath(doc.criteria, 'criteria[1]')).toEqual({ key: keyOf(doc, '2'), field: '' });
    expect(nodeOfPath(doc.criteria, 'criteria[7].code')).toBeNull();
    expect(nodeOfPath(doc.criteria, 'elements[0].code')).toBeNull();
  });
});

describe('problems', () => {
  it("places a 422's errors on nodes, elements and the framework's fields", () => {
    const doc = fromDocument({
      ...source,
      elements: [
        { code: 'E-1', name_vi: 'a', name_en: 'a', value_type: 'decimal', source: 'self' },
      ],
    });
    const problems = serverProblems(doc, [
      { field: 'criteria[0].children[0].max_points', message: 'quá lớn' },
      { field: 'elements[0].provider_code', message: 'không có' },
      { field: 'groups[1]', message: 'nhóm lạ' },
    ]);
    expect(problems.nodes.get(keyOf(doc, '1.1'))).toEqual({ max_points: 'quá lớn' });
    expect(problems.elements.get('E-1')).toEqual({ provider_code: 'không có' });
    expect(problems.meta).toEqual({ groups: 'nhóm lạ' });
    expect(problems.count).toBe(3);
  });

  it('sees a code used twice, an empty name and an input without element as you type', () => {
    const doc = fromDocument(source);
    const nodes = walk(doc.criteria);
    const [, first, second] = nodes;
    if (!first || !second) throw new Error('fixture');
    second.code = '1.1';
    first.name_en = ' ';
    first.rule = { kind: 'boolean', input: 'value' };
    const problems = localProblems(doc, i18n.t);
    expect(Object.keys(problems.nodes.get(second.key) ?? {})).toEqual(['code']);
    expect(Object.keys(problems.nodes.get(first.key) ?? {}).sort()).toEqual([
      'name_en',
      'rule.input',
    ]);
  });
});
