import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Drawer, Flex, Input, Select, Spin, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { useFrameworks } from '@/features/frameworks';
import { useUnits } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { PROPOSAL_STATUSES, exportProposals, useProposal, useProposals } from '../api/proposals';
import type { Proposal, ProposalFilter, ProposalStatus } from '../api/proposals';
import { ProposalSubject, filedAndStatusColumns } from './columns';
import { ProposalDetails } from './ProposalDetails';
import { TriageForm } from './TriageForm';

const PAGE_SIZE = 20;

interface TriageListProps {
  /** The proposal open in the drawer (from the address), if any. */
  openId: number | undefined;
  onOpen: (id: number | undefined) => void;
  /** After DIC answered one (a message, say). */
  onAnswered: (answered: Proposal) => void;
}

/** DIC's list of every unit's proposals: filters, pages, Excel, and a drawer to answer each. */
export function TriageList({ openId, onOpen, onAnswered }: TriageListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filter, setFilter] = useState<ProposalFilter>({ status: 'submitted' });
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const list = useProposals(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const shown = useProposal(openId);
  const units = useUnits({ offset: 0, limit: 500 });
  const frameworks = useFrameworks();

  const change = (next: Partial<ProposalFilter>) => {
    setFilter((current) => ({ ...current, ...next }));
    setPage(1);
  };
  const download = async () => {
    setExporting(true);
    try {
      await exportProposals(filter);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<Proposal>['columns'] = [
    { key: 'id', title: t('proposals.number'), dataIndex: 'id', width: 70 },
    { key: 'unit', title: t('proposals.unit'), dataIndex: 'unit_code', width: 110 },
    {
      key: 'what',
      title: t('proposals.title'),
      render: (_, row) => (
        <>
          <Button
            type="link"
            onClick={() => onOpen(row.id)}
            style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          >
            {row.title}
          </Button>
          <br />
          <ProposalSubject proposal={row} />
        </>
      ),
    },
    ...filedAndStatusColumns(t),
    {
      key: 'target',
      title: t('proposals.linked'),
      render: (_, row) =>
        row.status === 'accepted'
          ? `${row.target_framework_code ?? '—'} · ${row.target_criterion_code ?? '—'}`
          : row.status === 'duplicate'
            ? t('proposals.duplicateOf', { id: row.duplicate_of_id ?? '—' })
            : '',
    },
  ];

  return (
    <Card
      title={<h2 className="card-heading">{t('proposals.dicListTitle')}</h2>}
      extra={
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={exporting}
          onClick={() => void download()}
        >
          {t('proposals.export')}
        </Button>
      }
    >
      <Flex wrap gap="small" className="toolbar" role="search" aria-label={t('proposals.filters')}>
        <Select<ProposalStatus | 'all'>
          aria-label={t('proposals.status')}
          style={{ minWidth: 160 }}
          value={filter.status ?? 'all'}
          onChange={(value) => change({ status: value === 'all' ? undefined : value })}
          options={[
            { value: 'all', label: t('proposals.allStatuses') },
            ...PROPOSAL_STATUSES.map((value) => ({
              value,
              label: t(`proposals.statuses.${value}`),
            })),
          ]}
        />
        <Select<string>
          aria-label={t('proposals.unit')}
          style={{ minWidth: 220 }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('proposals.allUnits')}
          value={filter.unit}
          onChange={(value) => change({ unit: value })}
          options={(units.data?.items ?? []).map((unit) => ({
            value: unit.code,
            label: `${unit.code} – ${localized(language, unit.name_vi, unit.name_en)}`,
          }))}
        />
        <Select<number>
          aria-label={t('proposals.framework')}
          style={{ minWidth: 220 }}
          allowClear
          placeholder={t('proposals.allFrameworks')}
          value={filter.frameworkId}
          onChange={(value) => change({ frameworkId: value })}
          options={(frameworks.data?.items ?? []).map((item) => ({
            value: item.id,
            label: item.code,
          }))}
        />
        <Input.Search
          aria-label={t('proposals.criterion')}
          placeholder={t('proposals.criterion')}
          allowClear
          style={{ width: 160 }}
          onSearch={(value) => change({ criterionCode: value.trim() || undefined })}
        />
      </Flex>
      {list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : null}
      {list.data ? (
        <Typography.Paragraph type="secondary" role="status">
          {t('proposals.count', { count: list.data.total })}
        </Typography.Paragraph>
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
                <Typography.Text type="secondary">{t('proposals.emptyDic')}</Typography.Text>
              }
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
      <Drawer
        open={openId !== undefined}
        onClose={() => onOpen(undefined)}
        size="large"
        title={openId !== undefined ? t('proposals.drawerTitle', { id: openId }) : ''}
        closable={{ 'aria-label': t('common.close') }}
      >
        {shown.isError ? <ProblemAlert error={shown.error} /> : null}
        {shown.data ? (
          <Flex vertical gap="large">
            <Typography.Title level={3} className="card-heading">
              {shown.data.title}
            </Typography.Title>
            <ProposalDetails proposal={shown.data} />
            <TriageForm key={shown.data.id} proposal={shown.data} onAnswered={onAnswered} />
          </Flex>
        ) : (
          <Spin spinning={shown.isPending} />
        )}
      </Drawer>
    </Card>
  );
}
