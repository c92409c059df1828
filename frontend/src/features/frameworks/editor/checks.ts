/**
 * What the editor checks as you type, before the API does on save: required names, code shape,
 * codes used twice, an indicator without max points or inputs. Rules are checked by the engine's
 * preview (their worked example); everything else the API checks on save, naming the field.
 */
import type { TFunction } from 'i18next';

import type { FieldProblem } from '@/api/types';

import type { EditorDoc, EditorNode } from './document';
import { nodeOfPath, walk } from './document';
import { ruleInputs } from './rule-shapes';

export type FieldMessages = Record<string, string>;

export interface Problems {
  /** By node key, then field relative to the node. */
  nodes: Map<string, FieldMessages>;
  /** By element code, then field relative to the element. */
  elements: Map<string, FieldMessages>;
  /** The framework's own fields (code, titles, year, groups). */
  meta: FieldMessages;
  count: number;
}

export const CODE_PATTERN = /^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$/;
export const FRAMEWORK_CODE_PATTERN = /^[A-Za-z0-9][\w.-]*$/;

export function emptyProblems(): Problems {
  return { nodes: new Map(), elements: new Map(), meta: {}, count: 0 };
}

function add(map: Map<string, FieldMessages>, key: string, field: string, message: string) {
  const messages = map.get(key) ?? {};
  messages[field] ??= message;
  map.set(key, messages);
}

/** The problems the editor sees in the document as it stands. */
export function localProblems(doc: EditorDoc, t: TFunction): Problems {
  const problems = emptyProblems();
  const seen = new Map<string, string>();
  const elementCodes = new Set(doc.elements.map((element) => element.code));
  const note = (node: EditorNode, field: string, message: string) => {
    add(problems.nodes, node.key, field, message);
    problems.count += 1;
  };
  for (const node of walk(doc.criteria)) {
    if (!CODE_PATTERN.test(node.code)) note(node, 'code', t('frameworkEditor.checks.code'));
    else if (seen.has(node.code)) note(node, 'code', t('frameworkEditor.checks.codeTwice'));
    seen.set(node.code, node.key);
    if (!node.name_vi.trim()) note(node, 'name_vi', t('frameworkEditor.required'));
    if (!node.name_en.trim()) note(node, 'name_en', t('frameworkEditor.required'));
    if (node.weight === '' || !(Number(node.weight) > 0)) {
      note(node, 'weight', t('frameworkEditor.checks.weight'));
    }
    if (node.groups && node.groups.length === 0) {
      note(node, 'groups', t('frameworkEditor.checks.noGroup'));
    }
    if (node.children.length > 0) continue;
    if (node.max_points === null || node.max_points === undefined || node.max_points === '') {
      note(node, 'max_points', t('frameworkEditor.required'));
    }
    for (const input of ruleInputs(node.rule)) {
      const ref = (node.inputs ?? []).find((candidate) => candidate.name === input.name);
      if (!ref || !elementCodes.has(ref.element_code)) {
        note(node, 'rule.input', t('frameworkEditor.checks.pickElement', { name: input.name }));
      }
    }
  }
  if (!FRAMEWORK_CODE_PATTERN.test(doc.code)) {
    problems.meta.code = t('frameworkEditor.checks.code');
  }
  if (!doc.title_vi.trim()) problems.meta.title_vi = t('frameworkEditor.required');
  if (!doc.title_en.trim()) problems.meta.title_en = t('frameworkEditor.required');
  if (doc.groups.length === 0) problems.meta.groups = t('frameworkEditor.checks.noGroup');
  problems.count += Object.keys(problems.meta).length;
  return problems;
}

/** A 422's field errors placed on the nodes, elements and framework fields they name. */
export function serverProblems(doc: EditorDoc, errors: readonly FieldProblem[]): Problems {
  const problems = emptyProblems();
  for (const error of errors) {
    problems.count += 1;
    const node = nodeOfPath(doc.criteria, error.field);
    if (node) {
      add(problems.nodes, node.key, node.field, error.message);
      continue;
    }
    const element = /^elements\[(\d+)\](?:\.(.*))?$/.exec(error.field);
    if (element) {
      const code = doc.elements[Number(element[1])]?.code ?? '';
      add(problems.elements, code, element[2] ?? '', error.message);
      continue;
    }
    const field = error.field.replace(/\[\d+\]$/, '');
    problems.meta[field] ??= error.message;
  }
  return problems;
}
