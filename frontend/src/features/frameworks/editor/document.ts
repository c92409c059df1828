/**
 * The framework document (docs/framework-format.md) as the editor holds it: every criterion gets a
 * key of its own, so that selection, moves and error marks follow a node while its code and place
 * change. Every operation is pure and returns a new tree; `toDocument` strips the keys for the API.
 */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type FrameworkDoc = Schemas['FrameworkDocument-Output'];
export type CriterionDoc = Schemas['CriterionIn-Output'];
export type ElementDoc = Schemas['DataElementIn-Output'];
export type RuleDoc = CriterionDoc['rule'];
export type RuleKind = RuleDoc['kind'];
export type DocumentInput = Schemas['FrameworkDocument-Input'];

export interface EditorNode extends Omit<CriterionDoc, 'children'> {
  key: string;
  children: EditorNode[];
}

export interface EditorDoc extends Omit<FrameworkDoc, 'criteria' | 'elements'> {
  elements: ElementDoc[];
  criteria: EditorNode[];
}

let lastKey = 0;

/** A key no other node of this page has. */
export function newKey(): string {
  lastKey += 1;
  return `node-${lastKey}`;
}

function withKeys(nodes: readonly CriterionDoc[]): EditorNode[] {
  return nodes.map((node) => ({ ...node, key: newKey(), children: withKeys(node.children ?? []) }));
}

export function fromDocument(doc: FrameworkDoc): EditorDoc {
  return { ...doc, elements: doc.elements ?? [], criteria: withKeys(doc.criteria) };
}

function withoutKeys(nodes: readonly EditorNode[]): CriterionDoc[] {
  return nodes.map((node) => {
    const { children, ...rest } = node;
    const out: CriterionDoc & { key?: string } = { ...rest, children: withoutKeys(children) };
    delete out.key;
    return out;
  });
}

/** The document as the API takes it. */
export function toDocument(doc: EditorDoc): FrameworkDoc {
  return { ...doc, criteria: withoutKeys(doc.criteria) };
}

// --- finding ---------------------------------------------------------------------------------

export interface Located {
  node: EditorNode;
  parent: EditorNode | null;
  siblings: EditorNode[];
  index: number;
  /** The API's path of the node, e.g. `criteria[0].children[2]`. */
  path: string;
}

export function locate(
  nodes: readonly EditorNode[],
  key: string,
  parent: EditorNode | null = null,
  prefix = 'criteria',
): Located | null {
  for (const [index, node] of nodes.entries()) {
    const path = `${prefix}[${index}]`;
    if (node.key === key) {
      return { node, parent, siblings: nodes as EditorNode[], index, path };
    }
    const found = locate(node.children, key, node, `${path}.children`);
    if (found) return found;
  }
  return null;
}

export function walk(nodes: readonly EditorNode[]): EditorNode[] {
  return nodes.flatMap((node) => [node, ...walk(node.children)]);
}

/**
 * Which node an API field path names, and the rest of the path: `criteria[0].children[1].rule.bands`
 * is the second child of the first pillar, field `rule.bands`.
 */
export function nodeOfPath(
  nodes: readonly EditorNode[],
  path: string,
): { key: string; field: string } | null {
  const match = /^criteria\[(\d+)\]((?:\.children\[\d+\])*)(?:\.(.*))?$/.exec(path);
  if (!match) return null;
  let node = nodes[Number(match[1])];
  for (const step of (match[2] ?? '').matchAll(/\.children\[(\d+)\]/g)) {
    node = node?.children[Number(step[1])];
  }
  return node ? { key: node.key, field: match[3] ?? '' } : null;
}

// --- shape changes ---------------------------------------------------------------------------

/** Replace the node with `key` by what `change` makes of it. */
export function updateNode(
  nodes: readonly EditorNode[],
  key: string,
  change: (node: EditorNode) => EditorNode,
): EditorNode[] {
  return nodes.map((node) => {
    if (node.key === key) return change(node);
    const children = updateNode(node.children, key, change);
    return children === node.children ? node : { ...node, children };
  });
}

function mapSiblings(
  nodes: readonly EditorNode[],
  parentKey: string | null,
  change: (siblings: EditorNode[]) => EditorNode[],
): EditorNode[] {
  if (parentKey === null) return change([...nodes]);
  return updateNode(nodes, parentKey, (parent) => ({
    ...parent,
    children: change([...parent.children]),
  }));
}

/** An inner node sums its children: no rule of its own, no max, no inputs. */
export function asInner(node: EditorNode): EditorNode {
  if (node.rule.kind === 'sum_of_children') return node;
  return { ...node, rule: { kind: 'sum_of_children' }, max_points: null, inputs: [] };
}

/** A node that lost its last child is an indicator again: scored by hand until it gets a rule. */
export function asLeaf(node: EditorNode): EditorNode {
  if (node.children.length > 0 || node.rule.kind !== 'sum_of_children') return node;
  return { ...node, rule: { kind: 'manual' }, max_points: node.max_points ?? '0', inputs: [] };
}

function settle(nodes: EditorNode[]): EditorNode[] {
  return nodes.map((node) => {
    const children = settle(node.children);
    return asLeaf(children === node.children ? node : { ...node, children });
  });
}

export function removeNode(nodes: readonly EditorNode[], key: string): EditorNode[] {
  const found = locate(nodes, key);
  if (!found) return [...nodes];
  const removed = mapSiblings(nodes, found.parent?.key ?? null, (siblings) =>
    siblings.filter((node) => node.key !== key),
  );
  return found.parent ? updateNode(removed, found.parent.key, asLeaf) : removed;
}

export function addChild(
  nodes: readonly EditorNode[],
  parentKey: string,
  child: EditorNode,
): EditorNode[] {
  return updateNode(nodes, parentKey, (parent) => ({
    ...asInner(parent),
    children: [...parent.children, child],
  }));
}

/** Add `node` right after the node with `key`, at the same level. */
export function addSibling(
  nodes: readonly EditorNode[],
  key: string,
  node: EditorNode,
): EditorNode[] {
  const found = locate(nodes, key);
  if (!found) return [...nodes, node];
  return mapSiblings(nodes, found.parent?.key ?? null, (siblings) => {
    siblings.splice(found.index + 1, 0, node);
    return siblings;
  });
}

/** Move a node one place up (-1) or down (+1) among its siblings. */
export function moveNode(nodes: readonly EditorNode[], key: string, step: -1 | 1): EditorNode[] {
  const found = locate(nodes, key);
  if (!found) return [...nodes];
  const target = found.index + step;
  if (target < 0 || target >= found.siblings.length) return [...nodes];
  return mapSiblings(nodes, found.parent?.key ?? null, (siblings) => {
    const [moved] = siblings.splice(found.index, 1);
    siblings.splice(target, 0, moved as EditorNode);
    return siblings;
  });
}

/** Make a node the last child of the sibling before it. */
export function indentNode(nodes: readonly EditorNode[], key: string): EditorNode[] {
  const found = locate(nodes, key);
  if (!found || found.index === 0) return [...nodes];
  const previous = found.siblings[found.index - 1] as EditorNode;
  const without = mapSiblings(nodes, found.parent?.key ?? null, (siblings) =>
    siblings.filter((node) => node.key !== key),
  );
  return addChild(without, previous.key, found.node);
}

/** Make a node the sibling right after its parent. */
export function outdentNode(nodes: readonly EditorNode[], key: string): EditorNode[] {
  const found = locate(nodes, key);
  if (!found?.parent) return [...nodes];
  const parentKey = found.parent.key;
  const without = updateNode(nodes, parentKey, (parent) => ({
    ...parent,
    children: parent.children.filter((node) => node.key !== key),
  }));
  return addSibling(updateNode(without, parentKey, asLeaf), parentKey, found.node);
}

export type DropPosition = 'before' | 'after' | 'inside';

/** Drag and drop: put the node with `key` before, after or inside (last child of) `targetKey`. */
export function dropNode(
  nodes: readonly EditorNode[],
  key: string,
  targetKey: string,
  position: DropPosition,
): EditorNode[] {
  const found = locate(nodes, key);
  if (!found || key === targetKey) return [...nodes];
  // A node cannot go inside its own subtree.
  if (walk(found.node.children).some((node) => node.key === targetKey)) return [...nodes];
  const without = settle(removeNode(nodes, key));
  if (position === 'inside') return addChild(without, targetKey, found.node);
  const target = locate(without, targetKey);
  if (!target) return [...nodes];
  return mapSiblings(without, target.parent?.key ?? null, (siblings) => {
    siblings.splice(position === 'before' ? target.index : target.index + 1, 0, found.node);
    return siblings;
  });
}

// --- new nodes -------------------------------------------------------------------------------

/** The next free code under a parent: `1.3` after `1.1`, `1.2`; `4` at the top level. */
export function nextCode(nodes: readonly EditorNode[], parent: EditorNode | null): string {
  const taken = new Set(walk(nodes).map((node) => node.code));
  const siblings = parent ? parent.children : nodes;
  let number = siblings.length + 1;
  const make = (n: number) => (parent ? `${parent.code}.${n}` : String(n));
  while (taken.has(make(number))) number += 1;
  return make(number);
}

/** A new indicator, scored by hand until it is given a rule and inputs. */
export function newIndicator(code: string, names: { vi: string; en: string }): EditorNode {
  return {
    key: newKey(),
    code,
    name_vi: names.vi,
    name_en: names.en,
    groups: null,
    weight: '1',
    max_points: '10',
    inputs: [],
    rule: { kind: 'manual' },
    not_applicable_when_missing: false,
    evidence_required: false,
    guidance: {},
    children: [],
  };
}

// --- totals ----------------------------------------------------------------------------------

/** The groups a node applies to: its own (within its parent's), or all of its parent's. */
function applies(node: EditorNode, parentGroups: readonly string[]): string[] {
  const own = node.groups;
  return own ? parentGroups.filter((group) => own.includes(group)) : [...parentGroups];
}

function maxOf(node: EditorNode, parentGroups: readonly string[]): Record<string, number> {
  const groups = applies(node, parentGroups);
  const result: Record<string, number> = {};
  for (const group of groups) result[group] = 0;
  if (node.children.length === 0) {
    for (const group of groups) result[group] = Number(node.max_points ?? 0) || 0;
    return result;
  }
  for (const child of node.children) {
    const weight = Number(child.weight) || 0;
    for (const [group, value] of Object.entries(maxOf(child, groups))) {
      result[group] = (result[group] ?? 0) + weight * value;
    }
  }
  return result;
}

/** Each node's max points per group, by key (as the API computes them, for the live totals). */
export function maxByNode(
  nodes: readonly EditorNode[],
  groups: readonly string[],
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const visit = (node: EditorNode, parentGroups: readonly string[]) => {
    out.set(node.key, maxOf(node, parentGroups));
    const own = applies(node, parentGroups);
    for (const child of node.children) visit(child, own);
  };
  for (const node of nodes) visit(node, groups);
  return out;
}

/** The framework's max points per group: the weighted sum of the pillars. */
export function groupTotals(doc: Pick<EditorDoc, 'criteria' | 'groups'>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const group of doc.groups) totals[group] = 0;
  for (const node of doc.criteria) {
    const weight = Number(node.weight) || 0;
    for (const [group, value] of Object.entries(maxOf(node, doc.groups))) {
      totals[group] = (totals[group] ?? 0) + weight * value;
    }
  }
  // Decimal points add up in binary floating point: show at most 4 decimals, as the API does.
  for (const group of Object.keys(totals)) {
    totals[group] = Math.round((totals[group] ?? 0) * 10_000) / 10_000;
  }
  return totals;
}

/** A new framework's first document: one pillar holding one indicator scored by hand, which the
 * editor then turns into the real tree (the API needs at least one criterion). */
export function blankDocument(
  meta: Pick<FrameworkDoc, 'code' | 'title_vi' | 'title_en' | 'year' | 'legal_basis' | 'groups'>,
  names: { pillarVi: string; pillarEn: string; indicatorVi: string; indicatorEn: string },
): DocumentInput {
  return {
    ...meta,
    legal_basis: meta.legal_basis?.trim() || null,
    elements: [],
    criteria: [
      {
        code: '1',
        name_vi: names.pillarVi,
        name_en: names.pillarEn,
        weight: '1',
        rule: { kind: 'sum_of_children' },
        not_applicable_when_missing: false,
        evidence_required: false,
        children: [
          {
            code: '1.1',
            name_vi: names.indicatorVi,
            name_en: names.indicatorEn,
            weight: '1',
            max_points: '10',
            rule: { kind: 'manual' },
            not_applicable_when_missing: false,
            evidence_required: false,
          },
        ],
      },
    ],
  };
}
