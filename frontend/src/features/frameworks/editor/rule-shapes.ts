/**
 * What the rule forms need to know of each rule kind's shape (docs/framework-format.md § Rules):
 * a fresh rule of a kind, the inputs a rule reads and the element types it can read. The points
 * themselves are never computed here: the worked example asks the engine (rule preview).
 */
import type { ElementDoc, RuleDoc, RuleKind } from './document';

export type LeafKind = Exclude<RuleKind, 'sum_of_children'>;

export const LEAF_KINDS: readonly LeafKind[] = [
  'boolean',
  'choice',
  'bands',
  'linear',
  'ratio',
  'relative_to_best',
  'rank',
  'manual',
];

/** The kinds whose points depend on the other units of the group. */
export function isGroupRelative(rule: RuleDoc): boolean {
  return (
    rule.kind === 'relative_to_best' ||
    rule.kind === 'rank' ||
    (rule.kind === 'linear' && rule.goalposts === 'group_min_max')
  );
}

const NUMERIC: readonly ElementDoc['value_type'][] = ['integer', 'decimal', 'percent'];

/** A rule input: its name, and the element types that may feed it. */
export interface RuleInput {
  name: string;
  types: readonly ElementDoc['value_type'][];
}

/** The inputs the rule reads (as the API's validation requires them). */
export function ruleInputs(rule: RuleDoc): RuleInput[] {
  switch (rule.kind) {
    case 'boolean':
      return [{ name: rule.input, types: ['boolean'] }];
    case 'choice':
      return [{ name: rule.input, types: ['choice'] }];
    case 'bands':
    case 'linear':
    case 'relative_to_best':
    case 'rank':
      return [{ name: rule.input, types: NUMERIC }];
    case 'ratio':
      return [
        { name: rule.numerator, types: NUMERIC },
        { name: rule.denominator, types: NUMERIC },
      ];
    case 'manual':
    case 'sum_of_children':
      return [];
  }
}

/**
 * A fresh rule of `kind` for an indicator of `maxPoints`, keeping what carries over (the input's
 * name); a choice rule gets every option of `options` at 0 points.
 */
export function defaultRule(
  kind: LeafKind,
  maxPoints: string,
  options: readonly string[] = [],
  input = 'value',
): RuleDoc {
  const max = maxPoints || '10';
  switch (kind) {
    case 'boolean':
      return { kind, input };
    case 'choice':
      return { kind, input, points: Object.fromEntries(options.map((option) => [option, '0'])) };
    case 'bands':
      return {
        kind,
        input,
        direction: 'higher_is_better',
        bands: [{ threshold: '1', points: max }],
      };
    case 'linear':
      return { kind, input, goalposts: 'fixed', floor: '0', target: '100', direction: null };
    case 'ratio':
      return {
        kind,
        numerator: 'a',
        denominator: 'b',
        scale: { kind: 'linear', floor: '0', target: '100' },
        zero_denominator: 'zero',
      };
    case 'relative_to_best':
      return { kind, input };
    case 'rank':
      return { kind, input, direction: 'higher_is_better', points_by_rank: [max] };
    case 'manual':
      return { kind };
  }
}

/** A plausible example for each input of the rule (the first band's threshold, yes, an option). */
export function exampleValues(rule: RuleDoc): Record<string, string | boolean> {
  switch (rule.kind) {
    case 'boolean':
      return { [rule.input]: true };
    case 'choice':
      return { [rule.input]: Object.keys(rule.points)[0] ?? '' };
    case 'bands':
      return { [rule.input]: rule.bands[0]?.threshold ?? '1' };
    case 'linear': {
      if (rule.goalposts === 'group_min_max') return { [rule.input]: '50' };
      const floor = Number(rule.floor ?? 0);
      const target = Number(rule.target ?? 100);
      return { [rule.input]: String((floor + target) / 2) };
    }
    case 'ratio':
      return { [rule.numerator]: '3', [rule.denominator]: '4' };
    case 'relative_to_best':
    case 'rank':
      return { [rule.input]: '5' };
    case 'manual':
    case 'sum_of_children':
      return {};
  }
}
