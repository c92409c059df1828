import { Alert, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { ReviewQueueItem, SubmissionStatus } from '@/api/types';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { assessmentPath } from '@/config/paths';
import { useSelectedRound } from '@/features/rounds';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { formatDateTime } from '@/lib/format';

import { useReviewQueue } from '../api/review';

const STATUSES: readonly SubmissionStatus[] = [
  'submitted',
  'resubmitted',
  'returned',
  'accepted',
  'in_progress',
  'not_started',
];

const STATUS_COLOURS: Partial<Record<SubmissionStatus, string>> = {
  submitted: 'processing',
  resubmitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

/** Thẩm định: every unit of the round and where its review stands, filtered; a row opens it. */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const { round } = useSelectedRound();
  const [group, setGroup] = useState<string>('');
  const [status, setStatus] = useState<SubmissionStatus | undefined>();
  const [indicatorText, setIndicatorText] = useState('');
  const indicator = useDebouncedValue(indicatorText.trim(), 400);
  const queue = useReviewQueue(round?.id, {
    group: group || undefined,
    status,
    indicator: indicator || undefined,
  });

  if (!round) {
    return (
      <>
        <PageTitle>{t('review.queueTitle')}</PageTitle>
        <Alert type="info" showIcon title={t('rounds.none')} />
      </>
    );
  }
  const columns: TableColumnsType<ReviewQueueItem> = [
    {
      key: 'unit',
      title: t('review.unit'),
      render: (_: unknown, item) => (
        <Link to={assessmentPath(round.id, item.unit_code)}>
          {item.unit_code} – {item.unit_name_vi}
        </Link>
      ),
    },
    { key: 'group', title: t('review.group'), dataIndex: 'group', width: 80 },
    {
      key: 'status',
      title: t('review.status'),
      dataIndex: 'status',
      render: (value: SubmissionStatus) => (
        <Tag color={STATUS_COLOURS[value] ?? 'default'}>{t(`assessment.statuses.${value}`)}</Tag>
      ),
    },
    {
      key: 'submitted',
      title: t('review.submittedAt'),
      dataIndex: 'submitted_at',
      render: (value: string | null) => (value ? formatDateTime(value) : '—'),
    },
    {
      key: 'progress',
      title: t('review.decided'),
      render: (_: unknown, item) =>
        t('review.counts', {
          accepted: item.accepted,
          adjusted: item.adjusted,
          returned: item.returned,
          pending: item.pending,
        }),
    },
    ...(indicator
      ? [
          {
            key: 'indicator',
            title: t('review.indicatorState', { code: indicator }),
            dataIndex: 'indicator_state',
            render: (value: string | null) =>
              value ? t(`review.states.${value}`, { defaultValue: value }) : '—',
          },
        ]
      : []),
  ];
  const groups = [...new Set(round.groups)];
  return (
    <>
      <PageTitle description={t('review.queueIntro')}>{t('review.queueTitle')}</PageTitle>
      <Space wrap className="review-filters" size="middle">
        <Segmented<string>
          aria-label={t('review.group')}
          value={group}
          onChange={setGroup}
          options={[
            { value: '', label: t('units.allGroups') },
            ...groups.map((code) => ({ value: code, label: code })),
          ]}
        />
        <Select<SubmissionStatus>
          allowClear
          className="review-status-filter"
          aria-label={t('review.status')}
          placeholder={t('review.anyStatus')}
          value={status}
          onChange={setStatus}
          options={STATUSES.map((value) => ({ value, label: t(`assessment.statuses.${value}`) }))}
        />
        <Input
          allowClear
          className="review-indicator-filter"
          aria-label={t('review.indicatorFilter')}
          placeholder={t('review.indicatorFilter')}
          value={indicatorText}
          onChange={(event) => setIndicatorText(event.target.value)}
        />
      </Space>
      {queue.isError ? (
        <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />
      ) : null}
      <Table<ReviewQueueItem>
        rowKey="unit_code"
        size="middle"
        className="review-queue"
        loading={queue.isFetching}
        columns={columns}
        dataSource={queue.data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{
          emptyText: <Typography.Text type="secondary">{t('review.emptyQueue')}</Typography.Text>,
        }}
        scroll={{ x: 760 }}
      />
    </>
  );
}
