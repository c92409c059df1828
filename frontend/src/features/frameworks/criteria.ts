import type { Criterion } from '@/api/types';

/** A criterion as a tree-table row: antd expects `children` only on rows that have some. */
export interface CriterionRow {
  key: string;
  criterion: Criterion;
  children?: CriterionRow[];
}

export function toRows(criteria: readonly Criterion[]): CriterionRow[] {
  return criteria.map((criterion) => {
    const row: CriterionRow = { key: criterion.code, criterion };
    if (criterion.children.length > 0) row.children = toRows(criterion.children);
    return row;
  });
}

/** Codes of every criterion that has children (for "expand all"). */
export function innerCodes(criteria: readonly Criterion[]): string[] {
  return criteria.flatMap((criterion) =>
    criterion.children.length > 0 ? [criterion.code, ...innerCodes(criterion.children)] : [],
  );
}

export function countLeaves(criteria: readonly Criterion[]): number {
  return criteria.reduce(
    (sum, criterion) => sum + (criterion.is_leaf ? 1 : countLeaves(criterion.children)),
    0,
  );
}

/** The groups' total maximum points: the sum over the top-level criteria (pillars). */
export function totalsByGroup(criteria: readonly Criterion[], groups: readonly string[]) {
  const totals: Record<string, number> = {};
  for (const group of groups) {
    totals[group] = criteria.reduce(
      (sum, criterion) => sum + Number(criterion.max_points_by_group[group] ?? 0),
      0,
    );
  }
  return totals;
}
