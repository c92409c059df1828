import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space, Switch, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Unit } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { unitPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useAdminUnits, useReopenUnit } from '../api/admin';
import { CloseUnitModal } from '../components/CloseUnitModal';
import { UnitFormModal } from '../components/UnitFormModal';
import { UnitStatusTag } from '../components/UnitStatusTag';
import { unitKindLabel } from '../unit-kinds';

/** Every unit (closed ones on request), with creating, editing, closing and reopening. */
export default function UnitAdminListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [includeInactive, setIncludeInactive] = useState(true);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const units = useAdminUnits({
    q: q || undefined,
    includeInactive,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const reopen = useReopenUnit();
  const [editing, setEditing] = useState<Unit | null | undefined>(undefined);
  const [closing, setClosing] = useState<Unit | null>(null);

  const columns: TableProps<Unit>['columns'] = [
    {
      key: 'code',
      title: t('adminUnits.fields.code'),
      width: 140,
      render: (_, unit) => <Link to={unitPath(unit.code)}>{unit.code}</Link>,
    },
    {
      key: 'name',
      title: t('adminUnits.fields.name'),
      render: (_, unit) => localized(language, unit.name_vi, unit.name_en),
    },
    {
      key: 'kind',
      title: t('adminUnits.fields.kind'),
      width: 150,
      render: (_, unit) => unitKindLabel(unit.kind, t),
    },
    {
      key: 'groups',
      title: t('adminUnits.fields.groups'),
      width: 120,
      render: (_, unit) => unit.groups.map((code) => <Tag key={code}>{code}</Tag>),
    },
    {
      key: 'validity',
      title: t('adminUnits.fields.validity'),
      width: 210,
      render: (_, unit) =>
        `${formatDate(unit.valid_from) || '…'} – ${formatDate(unit.valid_to) || '…'}`,
    },
    {
      key: 'status',
      title: t('adminUnits.unit.status'),
      width: 130,
      render: (_, unit) => <UnitStatusTag unit={unit} />,
    },
    {
      key: 'actions',
      title: t('adminUnits.actions.title'),
      width: 200,
      render: (_, unit) => (
        <Space size="small">
          <Button
            size="small"
            aria-label={t('adminUnits.actions.editUnit', { code: unit.code })}
            onClick={() => setEditing(unit)}
          >
            {t('adminUnits.actions.edit')}
          </Button>
          {unit.valid_to ? (
            <Button
              size="small"
              aria-label={t('adminUnits.actions.reopenUnit', { code: unit.code })}
              onClick={() => reopen.mutate(unit.code)}
            >
              {t('adminUnits.actions.reopen')}
            </Button>
          ) : (
            <Button
              size="small"
              danger
              aria-label={t('adminUnits.actions.closeUnit', { code: unit.code })}
              onClick={() => setClosing(unit)}
            >
              {t('adminUnits.actions.close')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex wrap gap="middle" align="center" className="toolbar">
        <Input
          className="search-input"
          type="search"
          allowClear
          aria-label={t('adminUnits.search')}
          placeholder={t('adminUnits.search')}
          prefix={<SearchOutlined aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
        <label className="switch-label">
          <Switch
            checked={includeInactive}
            onChange={(checked) => {
              setIncludeInactive(checked);
              setPage(1);
            }}
          />{' '}
          {t('adminUnits.includeClosed')}
        </label>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
          {t('adminUnits.actions.new')}
        </Button>
      </Flex>
      {units.isError ? (
        <ProblemAlert error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <Table<Unit>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={units.data?.items ?? []}
          loading={units.isFetching}
          pagination={{
            current: page,
            pageSize,
            total: units.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (count) => t('units.total', { count }),
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
          scroll={{ x: 960 }}
        />
      )}
      <UnitFormModal
        open={editing !== undefined}
        unit={editing ?? undefined}
        onClose={() => setEditing(undefined)}
      />
      {closing ? <CloseUnitModal open unit={closing} onClose={() => setClosing(null)} /> : null}
    </>
  );
}
