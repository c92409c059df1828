import { DownloadOutlined, GlobalOutlined } from '@ant-design/icons';
import { Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ProblemAlert } from '@/components/ProblemAlert';
import { publicResultsPath } from '@/config/paths';
import { formatDateTime } from '@/lib/format';

import { publicDownloadUrl, usePublications } from '../api/publish';
import type { Publication } from '../api/publish';

/** «Các lần công bố»: every published version, with its public page and downloads. */
export function PublicationsCard({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const publications = usePublications(roundId);

  const columns: TableColumnsType<Publication> = [
    {
      key: 'version',
      title: t('publish.publications.version'),
      dataIndex: 'version',
      width: 90,
      render: (version: number) => <Typography.Text strong>{`v${version}`}</Typography.Text>,
    },
    {
      key: 'time',
      title: t('publish.publications.time'),
      dataIndex: 'published_at',
      render: (value: string) => formatDateTime(value),
    },
    {
      key: 'by',
      title: t('publish.publications.by'),
      dataIndex: 'published_by',
      render: (value: string | null | undefined) => value ?? t('publish.publications.none'),
    },
    {
      key: 'hash',
      title: t('publish.publications.hash'),
      dataIndex: 'content_hash',
      render: (value: string) => (
        <Typography.Text
          code
          title={value}
          copyable={{
            text: value,
            tooltips: [t('publish.publications.copyHash'), t('publish.publications.copied')],
          }}
        >
          {value.slice(0, 12)}
        </Typography.Text>
      ),
    },
    {
      key: 'reason',
      title: t('publish.publications.reason'),
      dataIndex: 'reason',
      render: (value: string | null) => value ?? t('publish.publications.none'),
    },
    {
      key: 'run',
      title: t('publish.publications.run'),
      dataIndex: 'score_run_id',
      width: 90,
      render: (id: number) => `#${id}`,
    },
    {
      key: 'links',
      title: t('publish.publications.links'),
      render: (_: unknown, publication) => (
        <Space size="middle" wrap>
          <Link
            to={publicResultsPath({ round: roundId, version: publication.version })}
            aria-label={t('publish.publications.viewLabel', { version: publication.version })}
          >
            <GlobalOutlined aria-hidden /> {t('publish.publications.view')}
          </Link>
          <a
            href={publicDownloadUrl(roundId, publication.version, 'csv')}
            download
            aria-label={t('publish.publications.csvLabel', { version: publication.version })}
          >
            <DownloadOutlined aria-hidden /> {t('publish.publications.csv')}
          </a>
          <a
            href={publicDownloadUrl(roundId, publication.version, 'xlsx')}
            download
            aria-label={t('publish.publications.xlsxLabel', { version: publication.version })}
          >
            <DownloadOutlined aria-hidden /> {t('publish.publications.xlsx')}
          </a>
        </Space>
      ),
    },
  ];

  return (
    <Card title={<h2 className="card-heading">{t('publish.publications.title')}</h2>}>
      {publications.isError ? (
        <ProblemAlert error={publications.error} onRetry={() => void publications.refetch()} />
      ) : null}
      <Table<Publication>
        size="small"
        rowKey="version"
        className="publications"
        loading={publications.isFetching}
        columns={columns}
        dataSource={publications.data ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary">{t('publish.publications.empty')}</Typography.Text>
          ),
        }}
        scroll={{ x: 900 }}
      />
    </Card>
  );
}
