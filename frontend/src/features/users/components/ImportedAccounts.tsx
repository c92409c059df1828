import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ImportedAccount } from '@/api/types';

/** The accounts a sheet makes; once applied, each with its temporary password. */
export function ImportedAccounts({
  accounts,
  withPasswords,
}: {
  accounts: readonly ImportedAccount[];
  withPasswords: boolean;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportedAccount> = [
    { key: 'row', title: t('adminUsers.row'), dataIndex: 'row', width: 70 },
    { key: 'username', title: t('adminUsers.username'), dataIndex: 'username', width: 170 },
    { key: 'name', title: t('adminUsers.fullName'), dataIndex: 'full_name' },
    {
      key: 'roles',
      title: t('adminUsers.roles'),
      width: 220,
      render: (_: unknown, account) =>
        account.roles.map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>),
    },
    {
      key: 'unit',
      title: t('adminUsers.unit'),
      dataIndex: 'unit_code',
      width: 120,
      render: (code: string | null) => code ?? '—',
    },
  ];
  if (withPasswords) {
    columns.push({
      key: 'password',
      title: t('adminUsers.temporaryLabel'),
      width: 210,
      render: (_: unknown, account) => (
        <Typography.Text code copyable={{ text: account.temporary_password ?? '' }}>
          {account.temporary_password}
        </Typography.Text>
      ),
    });
  }
  return (
    <Table<ImportedAccount>
      size="small"
      rowKey="username"
      columns={columns}
      dataSource={[...accounts]}
      pagination={accounts.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      title={() => <Typography.Text strong>{t('adminUsers.rowsCaption')}</Typography.Text>}
      scroll={{ x: 760 }}
    />
  );
}
