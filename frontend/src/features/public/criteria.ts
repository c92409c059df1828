/** Reading the round's criteria tree (CriterionOut) for the public pages. */
import type { Criterion } from '@/api/types';
import type { Language } from '@/i18n';
import { localized } from '@/i18n';

/** Every criterion's name by code, in the screen's language. */
export function criterionNames(
  criteria: readonly Criterion[],
  language: Language,
): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (nodes: readonly Criterion[]) => {
    for (const node of nodes) {
      names.set(node.code, localized(language, node.name_vi, node.name_en));
      visit(node.children);
    }
  };
  visit(criteria);
  return names;
}

/**
 * A criterion's maximum points: one figure when every group it applies to has the same, else each
 * group's (`{QH: "25", SBN: "20"}`).
 */
export function maxPointsByGroup(
  criterion: Criterion,
): { same: string } | { byGroup: [string, string][] } {
  const entries = criterion.groups
    .map((group): [string, string] => [group, criterion.max_points_by_group[group] ?? '0'])
    .filter(([, points]) => points !== '');
  const values = new Set(entries.map(([, points]) => Number(points)));
  if (values.size <= 1) return { same: entries[0]?.[1] ?? criterion.max_points ?? '0' };
  return { byGroup: entries };
}
