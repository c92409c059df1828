import { InputNumber, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Criterion } from '@/api/types';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { Edits } from '../scenario';
import { MAX_POINTS_MAX, WEIGHT_MAX, maxEditable, withEdit } from '../scenario';

interface Row {
  key: string;
  criterion: Criterion;
  children?: Row[];
}

function toRows(criteria: readonly Criterion[], groups: readonly string[]): Row[] {
  return criteria
    .filter((criterion) => groups.some((group) => group in criterion.max_points_by_group))
    .map((criterion) => {
      const children = toRows(criterion.children, groups);
      return children.length > 0
        ? { key: criterion.code, criterion, children }
        : { key: criterion.code, criterion };
    });
}

interface ScenarioEditorProps {
  criteria: readonly Criterion[];
  /** The round's groups: the max shown, and whether an inner max is one number. */
  groups: readonly string[];
  edits: Edits;
  onChange: (edits: Edits) => void;
  loading: boolean;
}

/**
 * The framework's criteria with their current max and weight, and a new weight or max to try for
 * any of them: the main indicators at the top, their components when a row is opened.
 */
export function ScenarioEditor({
  criteria,
  groups,
  edits,
  onChange,
  loading,
}: ScenarioEditorProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = useMemo(() => toRows(criteria, groups), [criteria, groups]);

  const columns: TableColumnsType<Row> = [
    {
      key: 'code',
      title: t('whatIf.code'),
      width: 110,
      render: (_, row) => <span className="criterion-code">{row.criterion.code}</span>,
    },
    {
      key: 'name',
      title: t('whatIf.name'),
      render: (_, row) => localized(language, row.criterion.name_vi, row.criterion.name_en),
    },
    {
      key: 'max',
      title: t('whatIf.currentMax'),
      width: 170,
      render: (_, row) =>
        groups
          .filter((group) => group in row.criterion.max_points_by_group)
          .map(
            (group) =>
              `${group}: ${formatPoints(row.criterion.max_points_by_group[group], language)}`,
          )
          .join(' · '),
    },
    {
      key: 'weight',
      title: t('whatIf.currentWeight'),
      width: 100,
      align: 'end',
      render: (_, row) => formatPoints(row.criterion.weight, language),
    },
    {
      key: 'new-weight',
      title: t('whatIf.newWeight'),
      width: 140,
      render: (_, row) => {
        const code = row.criterion.code;
        return (
          <InputNumber<number>
            aria-label={t('whatIf.weightLabel', { code })}
            size="small"
            min={0}
            max={WEIGHT_MAX}
            step={0.1}
            value={edits.weights[code] ?? null}
            disabled={code in edits.maxPoints}
            onChange={(value) => onChange(withEdit(edits, code, 'weight', value))}
          />
        );
      },
    },
    {
      key: 'new-max',
      title: t('whatIf.newMax'),
      width: 150,
      render: (_, row) => {
        const code = row.criterion.code;
        const editable = maxEditable(row.criterion, groups);
        const input = (
          <InputNumber<number>
            aria-label={t('whatIf.maxLabel', { code })}
            size="small"
            min={0}
            max={MAX_POINTS_MAX}
            value={edits.maxPoints[code] ?? null}
            disabled={!editable || code in edits.weights}
            onChange={(value) => onChange(withEdit(edits, code, 'max', value))}
          />
        );
        return editable ? input : <Tooltip title={t('whatIf.maxNotEditable')}>{input}</Tooltip>;
      },
    },
  ];

  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 760 }}
      aria-label={t('whatIf.edits')}
    />
  );
}
