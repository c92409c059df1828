import { CheckCircleFilled } from '@ant-design/icons';
import { Flex, Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { components } from '@/api/schema';
import { useLanguage } from '@/i18n';
import { formatDate, formatDateTime } from '@/lib/format';

import { formatPercentNumber, percentValue } from '../percent';

import { StatusTag } from './StatusTag';

type UnitProgress = components['schemas']['UnitProgress'];

interface ProgressTableProps {
  units: readonly UnitProgress[];
  loading: boolean;
  /** Where a unit's assessment is read, when the user may (else the unit is plain text). */
  assessmentLink?: ((unit: UnitProgress) => string) | undefined;
  /** The units ticked (to urge them), when the user may tick them. */
  selection?: { codes: readonly string[]; onChange: (codes: string[]) => void } | undefined;
}

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

/** One row per unit: status, answered and evidence bars, returned answers, activity and deadline. */
export function ProgressTable({ units, loading, assessmentLink, selection }: ProgressTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = (value: string) =>
    t('progress.percent', { value: formatPercentNumber(value, language) });

  const columns: TableColumnsType<UnitProgress> = [
    {
      key: 'unit',
      title: t('progress.unit'),
      width: 240,
      fixed: 'left',
      sorter: (a, b) => a.unit_code.localeCompare(b.unit_code),
      render: (_, unit) => {
        const label = (
          <>
            {unit.unit_code} – <span lang="vi">{unit.unit_name_vi}</span>
          </>
        );
        const to = assessmentLink?.(unit);
        return to ? (
          <Link
            to={to}
            aria-label={t('progress.openAssessment', {
              unit: `${unit.unit_code} – ${unit.unit_name_vi}`,
            })}
          >
            {label}
          </Link>
        ) : (
          label
        );
      },
    },
    { key: 'group', title: t('progress.group'), dataIndex: 'group', width: 80 },
    {
      key: 'status',
      title: t('progress.status'),
      width: 210,
      render: (_, unit) => (
        <Flex vertical gap={4} align="flex-start">
          <StatusTag status={unit.status} />
          {unit.complete ? (
            <Typography.Text type="success" strong data-testid="progress-complete">
              <CheckCircleFilled aria-hidden /> {t('progress.complete')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'answered',
      title: t('progress.answered'),
      width: 170,
      sorter: (a, b) => percentValue(a.answered_pct) - percentValue(b.answered_pct),
      render: (_, unit) => {
        const text = t('progress.fraction', { value: unit.answered, total: unit.indicators });
        return (
          <Progress
            size="small"
            // At 100 % antd would turn the text its light success green, below AA contrast.
            status="normal"
            percent={percentValue(unit.answered_pct)}
            format={() => text}
            aria-label={t('progress.answeredOf', { unit: unit.unit_code })}
            aria-valuetext={`${text} (${percent(unit.answered_pct)})`}
          />
        );
      },
    },
    {
      key: 'evidence',
      title: t('progress.evidence'),
      width: 170,
      sorter: (a, b) => percentValue(a.evidence_pct) - percentValue(b.evidence_pct),
      render: (_, unit) => {
        if (unit.evidence_needed === 0) {
          return (
            <Typography.Text type="secondary">{t('progress.noEvidenceNeeded')}</Typography.Text>
          );
        }
        const text = t('progress.fraction', {
          value: unit.evidence_done,
          total: unit.evidence_needed,
        });
        return (
          <Progress
            size="small"
            // At 100 % antd would turn the text its light success green, below AA contrast.
            status="normal"
            percent={percentValue(unit.evidence_pct)}
            format={() => text}
            aria-label={t('progress.evidenceOf', { unit: unit.unit_code })}
            aria-valuetext={`${text} (${percent(unit.evidence_pct)})`}
          />
        );
      },
    },
    {
      key: 'returned',
      title: t('progress.returned'),
      dataIndex: 'returned',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.returned - b.returned,
      render: (returned: number) =>
        returned > 0 ? <Typography.Text strong>{returned}</Typography.Text> : returned,
    },
    {
      key: 'activity',
      title: t('progress.lastActivity'),
      width: 160,
      sorter: (a, b) => byText(a.last_activity, b.last_activity),
      render: (_, unit) =>
        unit.last_activity ? (
          formatDateTime(unit.last_activity)
        ) : (
          <Typography.Text type="secondary">{t('progress.noActivity')}</Typography.Text>
        ),
    },
    {
      key: 'deadline',
      title: t('progress.deadline'),
      width: 150,
      sorter: (a, b) => byText(a.deadline, b.deadline),
      render: (_, unit) => (
        <Flex vertical gap={4} align="flex-start">
          {unit.deadline ? (
            <span>{formatDate(unit.deadline)}</span>
          ) : (
            <Typography.Text type="secondary">{t('progress.noDeadline')}</Typography.Text>
          )}
          {unit.overdue ? <Tag color="red">{t('progress.overdue')}</Tag> : null}
        </Flex>
      ),
    },
  ];

  return (
    <Table<UnitProgress>
      rowKey="unit_code"
      size="middle"
      columns={columns}
      dataSource={[...units]}
      loading={loading}
      rowSelection={
        selection
          ? {
              selectedRowKeys: [...selection.codes],
              onChange: (keys) => selection.onChange(keys.map(String)),
              getCheckboxProps: (unit) => ({
                'aria-label': t('urging.selectUnit', { unit: unit.unit_code }),
              }),
              columnWidth: 48,
              fixed: 'left',
              // No select-all box: the table's hidden measuring row copies the header, and a box
              // there is focusable under aria-hidden (axe: aria-hidden-focus). «Chọn đơn vị quá
              // hạn» above the table selects the units one urges.
              hideSelectAll: true,
            }
          : undefined
      }
      locale={{
        emptyText: <Typography.Text type="secondary">{t('progress.empty')}</Typography.Text>,
      }}
      pagination={{
        defaultPageSize: 50,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        hideOnSinglePage: false,
        showTotal: (count) => t('progress.total', { count }),
      }}
      scroll={{ x: 1300 }}
    />
  );
}
