import type { TableColumnType } from 'antd';

import type { RankChange } from '../rank-change';

import { RankChangeTag } from './RankChangeTag';

/**
 * A table column of rank changes (▲2 / ▼1 / – / mới) against a published year or another score
 * run, for any row with a unit code: the public ranking, a run's ranking, the overview's movers.
 */
export function rankChangeColumn<Row extends { unit_code: string }>(
  key: string,
  title: string,
  byUnit: ReadonlyMap<string, RankChange>,
  than: { year: number } | { run: number },
): TableColumnType<Row> {
  return {
    key,
    title,
    width: 120,
    align: 'center',
    render: (_: unknown, row: Row) => (
      <RankChangeTag change={byUnit.get(row.unit_code)} than={than} />
    ),
  };
}
