/** Scoring rules (DESIGN.md § Scoring) put into words for the criteria viewer. */
import type { TFunction } from 'i18next';

import type { CriterionRule } from '@/api/types';
import type { Language } from '@/i18n';
import { formatPoints } from '@/lib/format';

type RuleKind = CriterionRule['kind'];
type Direction = 'higher_is_better' | 'lower_is_better';

interface Band {
  threshold: string | number;
  points: string | number;
}

export function ruleKindLabel(kind: RuleKind, t: TFunction): string {
  return t(`ruleKinds.${kind}`);
}

function describeBands(
  bands: readonly Band[],
  direction: Direction,
  t: TFunction,
  language: Language,
) {
  const key = direction === 'lower_is_better' ? 'ruleText.bandAtMost' : 'ruleText.bandAtLeast';
  const items = bands.map((band) =>
    t(key, {
      threshold: formatPoints(String(band.threshold), language),
      points: formatPoints(String(band.points), language),
    }),
  );
  return t('ruleText.bands', { bands: items.join('; ') });
}

function describeLinear(
  floor: string | number | null | undefined,
  target: string | number | null | undefined,
  t: TFunction,
  language: Language,
) {
  return t('ruleText.linearFixed', {
    floor: formatPoints(floor === null || floor === undefined ? '' : String(floor), language),
    target: formatPoints(target === null || target === undefined ? '' : String(target), language),
  });
}

/** The label of a choice option, when the data element is known (else the option's code). */
export type OptionLabel = (option: string) => string | undefined;

/** One sentence per fact of the rule: how the points are computed from the inputs. */
export function describeRule(
  rule: CriterionRule,
  t: TFunction,
  language: Language,
  optionLabel: OptionLabel = () => undefined,
): string[] {
  switch (rule.kind) {
    case 'boolean':
      return [t('ruleText.boolean')];
    case 'choice': {
      const options = Object.entries(rule.points)
        .map(
          ([option, points]) =>
            `${optionLabel(option) ?? option} → ${formatPoints(points, language)}`,
        )
        .join('; ');
      return [t('ruleText.choice', { options })];
    }
    case 'bands': {
      const lines = [describeBands(rule.bands, rule.direction, t, language)];
      if (rule.direction === 'lower_is_better') lines.push(t('ruleText.lowerIsBetter'));
      return lines;
    }
    case 'linear': {
      const lines =
        rule.goalposts === 'group_min_max'
          ? [t('ruleText.linearGroup')]
          : [describeLinear(rule.floor, rule.target, t, language)];
      if (rule.direction === 'lower_is_better') lines.push(t('ruleText.lowerIsBetter'));
      return lines;
    }
    case 'ratio': {
      const lines = [
        t('ruleText.ratio', { numerator: rule.numerator, denominator: rule.denominator }),
      ];
      if (rule.scale?.kind === 'linear') {
        lines.push(describeLinear(rule.scale.floor, rule.scale.target, t, language));
      } else if (rule.scale?.kind === 'bands') {
        lines.push(describeBands(rule.scale.bands, rule.scale.direction, t, language));
      }
      lines.push(
        t(
          rule.zero_denominator === 'not_applicable'
            ? 'ruleText.ratioNotApplicable'
            : 'ruleText.ratioZero',
        ),
      );
      return lines;
    }
    case 'relative_to_best':
      return [t('ruleText.relativeToBest')];
    case 'rank': {
      const ranks = rule.points_by_rank
        .map((points, index) =>
          t('ruleText.rankItem', { rank: index + 1, points: formatPoints(points, language) }),
        )
        .join('; ');
      const lines = [t('ruleText.rank', { ranks })];
      if (rule.direction === 'lower_is_better') lines.push(t('ruleText.lowerIsBetter'));
      return lines;
    }
    case 'manual':
      return [t('ruleText.manual')];
    case 'sum_of_children':
      return [t('ruleText.sumOfChildren')];
  }
}
