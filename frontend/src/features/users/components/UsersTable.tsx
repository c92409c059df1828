import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';

import type { UserAccount } from '@/api/types';
import { formatDateTime } from '@/lib/format';

// Colours whose text keeps 4.5:1 (WCAG AA): antd's green and gold tags do not (see StatusTag).
const ACTIVE_GREEN = '#237804';

interface UsersTableProps {
  users: readonly UserAccount[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (user: UserAccount) => void;
  onToggleActive: (user: UserAccount) => void;
  onReset: (user: UserAccount) => void;
}

/** The accounts, with each one's roles, unit, state and the admin's actions. */
export function UsersTable({
  users,
  total,
  page,
  pageSize,
  loading,
  onPageChange,
  onEdit,
  onToggleActive,
  onReset,
}: UsersTableProps) {
  const { t } = useTranslation();
  const columns: TableProps<UserAccount>['columns'] = [
    { key: 'username', title: t('adminUsers.username'), dataIndex: 'username', width: 150 },
    {
      key: 'name',
      title: t('adminUsers.fullName'),
      width: 260,
      render: (_, user) => (
        <>
          <div>{user.full_name}</div>
          {user.email ? <Typography.Text type="secondary">{user.email}</Typography.Text> : null}
        </>
      ),
    },
    {
      key: 'roles',
      title: t('adminUsers.roles'),
      width: 200,
      render: (_, user) => user.roles.map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>),
    },
    {
      key: 'unit',
      title: t('adminUsers.unit'),
      width: 100,
      render: (_, user) =>
        user.unit_code ? <span title={user.unit_name_vi ?? undefined}>{user.unit_code}</span> : '—',
    },
    {
      key: 'state',
      title: t('adminUsers.state'),
      width: 170,
      render: (_, user) => (
        <Space size={4} wrap>
          {user.is_active ? (
            <Tag color={ACTIVE_GREEN}>{t('adminUsers.active')}</Tag>
          ) : (
            <Tag color="default">{t('adminUsers.disabled')}</Tag>
          )}
          {user.must_change_password ? (
            <Tag color="magenta">{t('adminUsers.mustChange')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'login',
      title: t('adminUsers.lastLogin'),
      width: 150,
      render: (_, user) =>
        user.last_login_at ? formatDateTime(user.last_login_at) : t('adminUsers.never'),
    },
    {
      key: 'actions',
      title: t('adminUsers.actions'),
      width: 200,
      render: (_, user) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => onEdit(user)}
            aria-label={t('adminUsers.editUser', { username: user.username })}
          >
            {t('adminUsers.edit')}
          </Button>
          <Popconfirm
            title={t(user.is_active ? 'adminUsers.disableConfirm' : 'adminUsers.enableConfirm', {
              username: user.username,
            })}
            okText={t(user.is_active ? 'adminUsers.disable' : 'adminUsers.enable')}
            cancelText={t('common.cancel')}
            onConfirm={() => onToggleActive(user)}
          >
            <Button type="link" size="small" danger={user.is_active}>
              {t(user.is_active ? 'adminUsers.disable' : 'adminUsers.enable')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('adminUsers.resetConfirm', { username: user.username })}
            okText={t('adminUsers.resetPassword')}
            cancelText={t('common.cancel')}
            onConfirm={() => onReset(user)}
          >
            <Button type="link" size="small">
              {t('adminUsers.resetPassword')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Table<UserAccount>
      rowKey="username"
      size="middle"
      columns={columns}
      dataSource={[...users]}
      loading={loading}
      locale={{ emptyText: t('adminUsers.empty') }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (count) => t('adminUsers.total', { count }),
        onChange: onPageChange,
      }}
      scroll={{ x: 1230 }}
    />
  );
}
