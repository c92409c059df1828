import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Spin, Table, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useUnitGroups } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';

import { useRunDiff } from '../api/publish';
import type { CriterionChange, RunDiff, ScoreRun, UnitChange } from '../api/publish';
import { reasonText } from '../diff-reasons';

interface DiffDrawerProps {
  roundId: number;
  /** The run to compare with the one before it; null: the drawer is closed. */
  run: ScoreRun | null;
  onClose: () => void;
}

/** So sánh: what changed since the run before, unit by unit, indicator by indicator, and why. */
export function DiffDrawer({ roundId, run, onClose }: DiffDrawerProps) {
  const { t } = useTranslation();
  const diff = useRunDiff(roundId, run?.id);

  // No earlier run is an answer, not a failure.
  const noEarlier = diff.error instanceof ApiError && diff.error.status === 404;

  return (
    <Drawer
      open={run !== null}
      onClose={onClose}
      size="large"
      title={
        <h2 className="card-heading">
          {diff.data
            ? t('publish.diff.title', { target: diff.data.target.id, base: diff.data.base.id })
            : t('publish.diff.titleLoading', { id: run?.id ?? 0 })}
        </h2>
      }
      closable={{ 'aria-label': t('common.close') }}
      destroyOnHidden
    >
      {diff.isPending && run ? <Spin /> : null}
      {noEarlier ? <Alert type="info" showIcon title={problemMessage(diff.error, t)} /> : null}
      {diff.isError && !noEarlier ? (
        <ProblemAlert error={diff.error} onRetry={() => void diff.refetch()} />
      ) : null}
      {diff.data ? <DiffView diff={diff.data} /> : null}
    </Drawer>
  );
}

function DiffView({ diff }: { diff: RunDiff }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groups = useUnitGroups();

  const groupName = (code: string) => {
    const found = groups.data?.find((candidate) => candidate.code === code);
    return found ? localized(language, found.name_vi, found.name_en) : code;
  };
  const runText = (run: ScoreRun) =>
    t('publish.diff.runText', {
      id: run.id,
      kind: t(`publish.runs.kinds.${run.kind}`),
      time: formatDateTime(run.created_at),
    });
  const points = (value: string | null) =>
    value === null ? t('publish.diff.noValue') : formatPoints(value, language);
  const rank = (value: number | null) =>
    value === null ? t('publish.diff.noRank') : String(value);

  const summary: DescriptionsProps['items'] = [
    { key: 'base', label: t('publish.diff.base'), children: runText(diff.base) },
    { key: 'target', label: t('publish.diff.target'), children: runText(diff.target) },
    {
      key: 'inputs',
      label: t('publish.diff.inputs'),
      children: diff.same_inputs ? t('publish.diff.sameInputs') : t('publish.diff.inputsChanged'),
    },
    {
      key: 'framework',
      label: t('publish.diff.framework'),
      children: diff.framework_changed
        ? t('publish.diff.frameworkChanged')
        : t('publish.diff.frameworkSame'),
    },
    { key: 'changed', label: t('publish.diff.changedUnits'), children: diff.units.length },
    ...(diff.units_added.length > 0
      ? [
          {
            key: 'added',
            label: t('publish.diff.unitsAdded'),
            children: diff.units_added.join(', '),
          },
        ]
      : []),
    ...(diff.units_removed.length > 0
      ? [
          {
            key: 'removed',
            label: t('publish.diff.unitsRemoved'),
            children: diff.units_removed.join(', '),
          },
        ]
      : []),
  ];

  const columns: TableColumnsType<UnitChange> = [
    {
      key: 'unit',
      title: t('publish.diff.unit'),
      render: (_: unknown, unit) => `${unit.unit_code} – ${unit.unit_name_vi}`,
    },
    {
      key: 'group',
      title: t('publish.diff.group'),
      dataIndex: 'group',
      render: (code: string) => groupName(code),
    },
    {
      key: 'points',
      title: t('publish.diff.points'),
      render: (_: unknown, unit) =>
        t('publish.diff.beforeAfter', {
          before: points(unit.points_before),
          after: points(unit.points_after),
        }),
    },
    {
      key: 'rank',
      title: t('publish.diff.rank'),
      render: (_: unknown, unit) =>
        t('publish.diff.beforeAfter', {
          before: rank(unit.rank_before),
          after: rank(unit.rank_after),
        }),
    },
  ];

  return (
    <Flex vertical gap="large">
      <section aria-labelledby="diff-summary-heading">
        <h3 id="diff-summary-heading" className="card-heading">
          {t('publish.diff.summaryTitle')}
        </h3>
        <Descriptions size="small" column={1} items={summary} />
      </section>
      <section aria-labelledby="diff-units-heading">
        <h3 id="diff-units-heading" className="card-heading">
          {t('publish.diff.unitsTitle')}
        </h3>
        <Table<UnitChange>
          className="run-diff-units"
          size="small"
          rowKey="unit_code"
          columns={columns}
          dataSource={diff.units}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">{t('publish.diff.noChanges')}</Typography.Text>
            ),
          }}
          expandable={{
            columnTitle: <span className="sr-only">{t('publish.diff.details')}</span>,
            expandedRowRender: (unit) => <CriteriaChanges unit={unit} />,
            expandIcon: ({ expanded, onExpand, record }) => (
              <Button
                type="text"
                size="small"
                aria-expanded={expanded}
                aria-label={t('publish.diff.showCriteria', { unit: record.unit_code })}
                icon={expanded ? <DownOutlined aria-hidden /> : <RightOutlined aria-hidden />}
                onClick={(event) => onExpand(record, event)}
              />
            ),
          }}
          scroll={{ x: 560 }}
        />
      </section>
    </Flex>
  );
}

function CriteriaChanges({ unit }: { unit: UnitChange }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (unit.criteria.length === 0) {
    return <Typography.Text type="secondary">{t('publish.diff.noCriteria')}</Typography.Text>;
  }
  const points = (value: string | null) =>
    value === null ? t('publish.diff.noValue') : formatPoints(value, language);
  const line = (criterion: CriterionChange) =>
    t('publish.diff.criterionPoints', {
      before: points(criterion.points_before),
      after: points(criterion.points_after),
    });
  return (
    <ul
      className="run-diff-criteria"
      aria-label={t('publish.diff.criteriaOf', {
        unit: `${unit.unit_code} – ${unit.unit_name_vi}`,
      })}
      style={{ margin: 0, paddingInlineStart: 20 }}
    >
      {unit.criteria.map((criterion) => (
        <li key={criterion.code}>
          <Typography.Text strong>
            {t('publish.diff.criterion', { code: criterion.code })}
            {criterion.name_vi ? ` – ${criterion.name_vi}` : ''}
          </Typography.Text>
          : {line(criterion)}
          {criterion.reasons.length > 0 ? (
            <ul style={{ paddingInlineStart: 20 }}>
              {criterion.reasons.map((reason, index) => (
                <li key={`${reason.kind}-${reason.input_name ?? index}`}>
                  {reasonText(reason, t, language)}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
