import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import type { UserImportRowError } from '@/api/types';

/** An accounts sheet's errors: the row as Excel numbers it, the column, its value, what is wrong. */
export function ImportRowErrors({ errors }: { errors: readonly UserImportRowError[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<UserImportRowError> = [
    { key: 'row', title: t('adminUsers.errorRow'), dataIndex: 'row', width: 80 },
    { key: 'column', title: t('adminUsers.errorColumn'), dataIndex: 'field', width: 130 },
    {
      key: 'value',
      title: t('adminUsers.errorValue'),
      dataIndex: 'value',
      width: 180,
      render: (value: string | null) =>
        value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'message',
      title: t('adminUsers.errorMessage'),
      render: (_: unknown, error) => (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ),
    },
  ];
  return (
    <Table<UserImportRowError>
      size="small"
      className="row-errors"
      rowKey={(error) => `${error.row}-${error.field}-${error.code}`}
      columns={columns}
      dataSource={[...errors]}
      pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      title={() => <Typography.Text strong>{t('adminUsers.errorsCaption')}</Typography.Text>}
      scroll={{ x: 640 }}
    />
  );
}
