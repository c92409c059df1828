import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { describeRule } from '../../rules';
import type { CriterionChange, GroupMax } from '../api';

type Side = 'before' | 'after';

const FIELDS = [
  'code',
  'title_vi',
  'title_en',
  'legal_basis',
  'year',
  'groups',
  'name_vi',
  'name_en',
  'weight',
  'max_points',
  'inputs',
  'rule',
  'not_applicable_when_missing',
  'evidence_required',
  'guidance',
  'parent',
] as const;

/** A changed field's name in the screen's language (the API's name when it has none). */
export function fieldLabel(field: string, t: TFunction): string {
  const known = FIELDS.find((candidate) => candidate === field);
  return known ? t(`frameworkEditor.fields.${known}`) : field;
}

interface DiffTableProps {
  changes: readonly CriterionChange[];
  /**
   * A slot in each changed row, e.g. the units' proposals (đề xuất) the change answers. The
   * column is shown only when it is given, titled `answersTitle`.
   */
  renderAnswers?: ((change: CriterionChange) => ReactNode) | undefined;
  answersTitle?: string | undefined;
}

/** The tone (app.css) of each kind of change. */
const DIFF_TONES: Record<CriterionChange['change'], string> = {
  added: 'tone-green',
  removed: 'tone-red',
  changed: 'tone-blue',
};

function Points({ groups, side }: { groups: readonly GroupMax[]; side: Side }) {
  const language = useLanguage();
  return (
    <span className="diff-points">
      {groups
        .filter((group) => group[side] !== null)
        .map((group) => {
          const changed = group.before !== group.after;
          return (
            <Tag
              key={group.group}
              className={changed ? (side === 'after' ? 'tone-green' : 'tone-red') : undefined}
            >
              {group.group}: {formatPoints(group[side] ?? '', language)}
            </Tag>
          );
        })}
    </span>
  );
}

/** Two versions side by side, one row per added, removed or changed criterion: names, max points
 * per group and rules before and after, the changed points and rules marked. */
export function DiffTable({ changes, renderAnswers, answersTitle }: DiffTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();

  const side = (change: CriterionChange, which: Side) => {
    const absent =
      (which === 'before' && change.change === 'added') ||
      (which === 'after' && change.change === 'removed');
    if (absent) return <Typography.Text type="secondary">—</Typography.Text>;
    const rule = which === 'before' ? change.rule_before : change.rule_after;
    const name = (field: string) =>
      change.fields.find((item) => item.field === field)?.[which] as string | undefined;
    return (
      <div className={`diff-side diff-${which}`}>
        <div>
          {name(language === 'en' ? 'name_en' : 'name_vi') ??
            (language === 'en' ? change.name_en : change.name_vi)}
        </div>
        <Points groups={change.max_points_by_group ?? []} side={which} />
        {rule ? (
          <div className={change.rule_changed ? 'diff-rule diff-rule-changed' : 'diff-rule'}>
            <Typography.Text strong>{t(`ruleKinds.${rule.kind}`)}</Typography.Text>{' '}
            {describeRule(rule, t, language).join(' ')}
          </div>
        ) : null}
      </div>
    );
  };

  const columns: TableColumnsType<CriterionChange> = [
    { title: t('frameworkEditor.diff.code'), dataIndex: 'code', width: 90 },
    {
      title: t('frameworkEditor.diff.change'),
      key: 'change',
      width: 150,
      render: (_, change) => (
        <span className="diff-marks">
          <Tag className={DIFF_TONES[change.change]}>
            {t(`frameworkEditor.diff.${change.change}`)}
          </Tag>
          {change.change === 'changed' && change.points_changed ? (
            <Tag className="tone-orange">{t('frameworkEditor.diff.pointsChanged')}</Tag>
          ) : null}
          {change.change === 'changed' && change.rule_changed ? (
            <Tag className="tone-purple">{t('frameworkEditor.diff.ruleChanged')}</Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('frameworkEditor.diff.before'),
      key: 'before',
      render: (_, change) => side(change, 'before'),
    },
    {
      title: t('frameworkEditor.diff.after'),
      key: 'after',
      render: (_, change) => side(change, 'after'),
    },
    {
      title: t('frameworkEditor.diff.fields'),
      key: 'fields',
      width: 180,
      render: (_, change) => change.fields.map((item) => fieldLabel(item.field, t)).join(', '),
    },
  ];
  if (renderAnswers) {
    columns.push({
      title: answersTitle ?? '',
      key: 'answers',
      width: 200,
      render: (_, change) => <div className="diff-answers">{renderAnswers(change)}</div>,
    });
  }
  return (
    <Table<CriterionChange>
      size="small"
      rowKey="code"
      className="framework-diff-table"
      columns={columns}
      dataSource={[...changes]}
      pagination={false}
      locale={{ emptyText: t('frameworkEditor.diff.noChanges') }}
    />
  );
}
