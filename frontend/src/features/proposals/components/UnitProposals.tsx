import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';

import { useProposals } from '../api/proposals';
import type { Proposal } from '../api/proposals';
import { ProposalSubject, filedAndStatusColumns } from './columns';
import { FileProposalModal } from './FileProposalModal';
import { ProposalAnswer } from './ProposalAnswer';
import { ProposalDetails } from './ProposalDetails';

const PAGE_SIZE = 20;

interface UnitProposalsProps {
  /** A proposal to show opened (a link from a notification). */
  openId: number | undefined;
}

/** The unit's own proposals, with DIC's answer to each, and the form to file another. */
export function UnitProposals({ openId }: UnitProposalsProps) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [filing, setFiling] = useState(false);
  const list = useProposals({}, (page - 1) * PAGE_SIZE, PAGE_SIZE);

  const columns: TableProps<Proposal>['columns'] = [
    { key: 'id', title: t('proposals.number'), dataIndex: 'id', width: 70 },
    {
      key: 'what',
      title: t('proposals.title'),
      render: (_, row) => (
        <>
          <Typography.Text strong>{row.title}</Typography.Text>
          <br />
          <ProposalSubject proposal={row} />
        </>
      ),
    },
    ...filedAndStatusColumns(t),
    {
      key: 'answer',
      title: t('proposals.answer'),
      render: (_, row) => <ProposalAnswer proposal={row} />,
    },
  ];

  return (
    <Card
      title={<h2 className="card-heading">{t('proposals.unitListTitle')}</h2>}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setFiling(true)}>
          {t('proposals.new')}
        </Button>
      }
    >
      {list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : null}
      <Table<Proposal>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Typography.Text type="secondary">{t('proposals.emptyUnit')}</Typography.Text>
              }
            />
          ),
        }}
        expandable={{
          expandedRowRender: (row) => <ProposalDetails proposal={row} />,
          ...(openId ? { defaultExpandedRowKeys: [openId] } : {}),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
      <FileProposalModal open={filing} onClose={() => setFiling(false)} />
    </Card>
  );
}
