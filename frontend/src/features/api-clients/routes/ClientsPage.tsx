import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS, apiClientPath } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useClients, useRotateSecret, useSetActive } from '../api/clients';
import '../api-clients.css';
import { SecretModal } from '../components/SecretModal';
import { clientStatus } from '../scopes';
import type { ApiClient, ClientStatus } from '../scopes';

/** Colours whose text keeps 4.5:1 (WCAG AA): antd's green and orange tags do not. */
const STATUS_COLOURS: Record<ClientStatus, string | undefined> = {
  active: '#237804',
  disabled: undefined,
  expired: '#ad4e00',
};

type StateFilter = 'all' | 'active' | 'inactive';

/** The agencies' API clients: state, expiry, last use; rotate a secret, disable or enable. */
export default function ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [state, setState] = useState<StateFilter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [secret, setSecret] = useState<{ clientId: string; secret: string } | null>(null);

  const clients = useClients({
    q: q || undefined,
    isActive: state === 'all' ? undefined : state === 'active',
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const onError = (error: unknown) => void message.error(problemMessage(error, t));
  const rotate = useRotateSecret({
    onSuccess: (client) => setSecret({ clientId: client.client_id, secret: client.client_secret }),
    onError,
  });
  const setActive = useSetActive({
    onSuccess: (client) =>
      void message.success(
        t(client.is_active ? 'adminClients.enabled' : 'adminClients.disabled', {
          clientId: client.client_id,
        }),
      ),
    onError,
  });

  const columns: TableProps<ApiClient>['columns'] = [
    {
      key: 'client_id',
      title: t('adminClients.clientId'),
      width: 160,
      render: (_, client) => (
        <Link to={apiClientPath(client.client_id)}>
          <Typography.Text code>{client.client_id}</Typography.Text>
        </Link>
      ),
    },
    { key: 'name', title: t('adminClients.name'), dataIndex: 'name' },
    {
      key: 'agency',
      title: t('adminClients.agency'),
      width: 220,
      render: (_, client) => client.unit_name_vi ?? client.unit_code ?? '—',
    },
    {
      key: 'scopes',
      title: t('adminClients.scopes'),
      width: 110,
      render: (_, client) => t('adminClients.scopeCount', { count: client.scopes.length }),
    },
    {
      key: 'status',
      title: t('adminClients.status'),
      width: 130,
      render: (_, client) => {
        const status = clientStatus(client);
        return <Tag color={STATUS_COLOURS[status]}>{t(`adminClients.status_${status}`)}</Tag>;
      },
    },
    {
      key: 'expires',
      title: t('adminClients.expiresAt'),
      width: 150,
      render: (_, client) => formatDateTime(client.expires_at) || t('adminClients.never'),
    },
    {
      key: 'used',
      title: t('adminClients.lastUsed'),
      width: 150,
      render: (_, client) => formatDateTime(client.last_used_at) || t('adminClients.neverUsed'),
    },
    {
      key: 'actions',
      title: t('adminClients.actions'),
      width: 280,
      render: (_, client) => (
        <Space wrap size="small">
          <Link
            to={apiClientPath(client.client_id)}
            aria-label={t('adminClients.editOf', { clientId: client.client_id })}
          >
            {t('adminClients.edit')}
          </Link>
          <Popconfirm
            title={t('adminClients.rotateConfirm', { clientId: client.client_id })}
            okText={t('adminClients.rotate')}
            cancelText={t('common.cancel')}
            onConfirm={() => rotate.mutate(client.client_id)}
          >
            <Button
              size="small"
              aria-label={t('adminClients.rotateOf', { clientId: client.client_id })}
            >
              {t('adminClients.rotate')}
            </Button>
          </Popconfirm>
          {client.is_active ? (
            <Popconfirm
              title={t('adminClients.disableConfirm', { clientId: client.client_id })}
              okText={t('adminClients.disable')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => setActive.mutate({ clientId: client.client_id, active: false })}
            >
              <Button
                size="small"
                danger
                aria-label={t('adminClients.disableOf', { clientId: client.client_id })}
              >
                {t('adminClients.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              size="small"
              aria-label={t('adminClients.enableOf', { clientId: client.client_id })}
              onClick={() => setActive.mutate({ clientId: client.client_id, active: true })}
            >
              {t('adminClients.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        description={t('adminClients.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => void navigate(PATHS.apiClientNew)}
          >
            {t('adminClients.new')}
          </Button>
        }
      >
        {t('adminClients.title')}
      </PageTitle>
      <Flex wrap gap="middle" align="center" className="toolbar">
        <Radio.Group
          aria-label={t('adminClients.status')}
          optionType="button"
          value={state}
          onChange={(event) => {
            setState(event.target.value as StateFilter);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('adminClients.filterAll') },
            { value: 'active', label: t('adminClients.filterActive') },
            { value: 'inactive', label: t('adminClients.filterInactive') },
          ]}
        />
        <Input
          className="search-input"
          type="search"
          allowClear
          aria-label={t('adminClients.search')}
          placeholder={t('adminClients.search')}
          prefix={<SearchOutlined aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
      </Flex>
      {clients.isError ? (
        <ProblemAlert error={clients.error} onRetry={() => void clients.refetch()} />
      ) : (
        <Table<ApiClient>
          rowKey="client_id"
          size="middle"
          columns={columns}
          dataSource={clients.data?.items ?? []}
          loading={clients.isFetching}
          locale={{ emptyText: t('adminClients.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: clients.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (count) => t('adminClients.total', { count }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          scroll={{ x: 1200 }}
        />
      )}
      <SecretModal shown={secret} onClose={() => setSecret(null)} />
    </>
  );
}
