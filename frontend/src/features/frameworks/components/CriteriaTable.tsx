import { Button, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Criterion } from '@/api/types';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { CriterionRow } from '../criteria';
import { toRows, totalsByGroup } from '../criteria';
import { ruleKindLabel } from '../rules';

interface CriteriaTableProps {
  criteria: readonly Criterion[];
  /** The groups to show a max-points column for. */
  groups: readonly string[];
  loading: boolean;
  expandedKeys: readonly string[];
  onExpandedKeysChange: (keys: string[]) => void;
  onShowGuidance: (criterion: Criterion) => void;
}

/** The criteria tree: code, name, maximum points per group, scoring rule, guidance. */
export function CriteriaTable({
  criteria,
  groups,
  loading,
  expandedKeys,
  onExpandedKeysChange,
  onShowGuidance,
}: CriteriaTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const totals = totalsByGroup(criteria, groups);

  const notApplicable = (
    <Typography.Text type="secondary">
      <span aria-hidden>—</span>
      <span className="sr-only">{t('frameworks.notApplicable')}</span>
    </Typography.Text>
  );

  const columns: TableProps<CriterionRow>['columns'] = [
    {
      key: 'code',
      title: t('frameworks.code'),
      width: 110,
      render: (_, row) => <span className="criterion-code">{row.criterion.code}</span>,
    },
    {
      key: 'name',
      title: t('frameworks.name'),
      render: (_, row) => {
        const name = localized(language, row.criterion.name_vi, row.criterion.name_en);
        return row.children ? <strong>{name}</strong> : name;
      },
    },
    ...groups.map((group) => ({
      key: `max-${group}`,
      title: t('frameworks.maxPointsOf', { group }),
      width: 130,
      align: 'right' as const,
      render: (_: unknown, row: CriterionRow) => {
        const points = row.criterion.max_points_by_group[group];
        return points === undefined ? notApplicable : formatPoints(points, language);
      },
    })),
    {
      key: 'rule',
      title: t('frameworks.rule'),
      width: 190,
      render: (_, row) => ruleKindLabel(row.criterion.rule.kind, t),
    },
    {
      key: 'guidance',
      title: t('frameworks.guidance'),
      width: 120,
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          className="guidance-button"
          aria-label={t('frameworks.showGuidance', { code: row.criterion.code })}
          onClick={() => onShowGuidance(row.criterion)}
        >
          {t('frameworks.guidance')}
        </Button>
      ),
    },
  ];

  return (
    <Table<CriterionRow>
      className="criteria-table"
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={toRows(criteria)}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('frameworks.empty') }}
      expandable={{
        expandedRowKeys: [...expandedKeys],
        onExpandedRowsChange: (keys) => onExpandedKeysChange(keys.map(String)),
      }}
      scroll={{ x: 900 }}
      summary={() =>
        criteria.length > 0 ? (
          <Table.Summary.Row className="criteria-total">
            <Table.Summary.Cell index={0} />
            <Table.Summary.Cell index={1}>
              <strong>{t('frameworks.total')}</strong>
            </Table.Summary.Cell>
            {groups.map((group, index) => (
              <Table.Summary.Cell key={group} index={index + 2} align="right">
                <strong data-testid={`total-${group}`}>
                  {formatPoints(String(totals[group] ?? 0), language)}
                </strong>
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={groups.length + 2} colSpan={2} />
          </Table.Summary.Row>
        ) : undefined
      }
    />
  );
}
