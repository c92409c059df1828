import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';

import type { FeedbackItem, FeedbackStatus } from '../api/feedback';
import { FeedbackFiles } from './FeedbackFiles';
import { FeedbackStatusTag } from './FeedbackStatusTag';

interface UnitFeedbackTableProps {
  items: readonly FeedbackItem[];
  /** The indicator's name, when the results know it. */
  indicatorName: (code: string) => string | undefined;
  loading: boolean;
}

/** The feedback the unit has filed: what it wrote, its files, and DIC's answer. */
export function UnitFeedbackTable({ items, indicatorName, loading }: UnitFeedbackTableProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<FeedbackItem> = [
    {
      key: 'indicator',
      title: t('feedback.indicator'),
      width: 200,
      render: (_: unknown, item) => (
        <>
          <Typography.Text strong>{item.indicator_code}</Typography.Text>
          {indicatorName(item.indicator_code) ? (
            <div>
              <Typography.Text type="secondary">
                {indicatorName(item.indicator_code)}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: 'body',
      title: t('feedback.content'),
      render: (_: unknown, item) => (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
            {item.body}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('feedback.filedBy', {
              name: item.filed_by_name ?? item.filed_by,
              time: formatDateTime(item.filed_at),
            })}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'files',
      title: t('feedback.files'),
      render: (_: unknown, item) => (
        <FeedbackFiles
          files={item.files}
          label={t('feedback.filesOf', { code: item.indicator_code })}
        />
      ),
    },
    {
      key: 'status',
      title: t('feedback.status'),
      dataIndex: 'status',
      width: 150,
      render: (value: FeedbackStatus) => <FeedbackStatusTag status={value} />,
    },
    {
      key: 'response',
      title: t('feedback.response'),
      render: (_: unknown, item) =>
        item.response ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
              {item.response}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('feedback.respondedBy', {
                name: item.responded_by_name ?? item.responded_by ?? '',
                time: formatDateTime(item.responded_at),
              })}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('feedback.noResponse')}</Typography.Text>
        ),
    },
  ];
  return (
    <Table<FeedbackItem>
      size="middle"
      rowKey="id"
      className="unit-feedback"
      loading={loading}
      columns={columns}
      dataSource={[...items]}
      pagination={false}
      locale={{
        emptyText: <Typography.Text type="secondary">{t('feedback.noFeedback')}</Typography.Text>,
      }}
      scroll={{ x: 900 }}
    />
  );
}
