import { Table, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ImportRowError } from '@/api/types';

interface RowErrorsTableProps {
  errors: readonly ImportRowError[];
  /** Names the table for screen readers. */
  caption: string;
  /** Pages served by the API (the table then shows `errors` as the current page). */
  pagination?: TablePaginationConfig;
  loading?: boolean;
}

/** A report's row errors: the row as the sheet numbers it, what it held, and what is wrong. */
export function RowErrorsTable({ errors, caption, pagination, loading }: RowErrorsTableProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportRowError> = [
    { key: 'row', title: t('imports.errorRow'), dataIndex: 'row', width: 80 },
    { key: 'unit', title: t('imports.errorUnit'), dataIndex: 'unit_code', width: 110 },
    { key: 'element', title: t('imports.errorElement'), dataIndex: 'element_code', width: 120 },
    {
      key: 'value',
      title: t('imports.errorValue'),
      dataIndex: 'value',
      width: 120,
      render: (value: string | null) =>
        value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'message',
      title: t('imports.errorMessage'),
      render: (_: unknown, error) => (
        <Typography.Text type="danger">
          <span className="sr-only">{t('imports.errorField', { field: error.field })} </span>
          {error.message}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<ImportRowError>
      size="small"
      className="row-errors"
      rowKey={(error) => `${error.row}-${error.field}`}
      columns={columns}
      dataSource={[...errors]}
      loading={loading}
      pagination={
        pagination ?? (errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false)
      }
      title={() => <Typography.Text strong>{caption}</Typography.Text>}
      scroll={{ x: 640 }}
    />
  );
}
