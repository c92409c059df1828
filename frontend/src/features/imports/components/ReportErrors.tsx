import { Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ImportSummary } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';

import { useReportErrors } from '../api/imports';
import { RowErrorsTable } from './RowErrorsTable';

const PAGE_SIZE = 20;

interface ReportErrorsProps {
  report: ImportSummary;
  /** Names the table for screen readers. */
  caption: string;
}

/**
 * A report's row errors: how many of each kind in the whole batch, then the rows page by page as
 * the server keeps them (the first 1,000 of a batch).
 */
export function ReportErrors({ report, caption }: ReportErrorsProps) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const errors = useReportErrors(report.report_id, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const kept = errors.data?.total ?? 0;
  return (
    <Flex vertical gap="small">
      <Typography.Text strong>
        {t('imports.errorsTotal', { count: report.errors_total })}
      </Typography.Text>
      <ul className="import-error-kinds" aria-label={t('imports.errorKinds')}>
        {report.error_kinds.map((kind) => (
          <li key={kind.code}>
            <Tag color="error">{t('imports.kindCount', { count: kind.count })}</Tag>
            <Typography.Text>{t('imports.kindExample', { example: kind.example })}</Typography.Text>
          </li>
        ))}
      </ul>
      {errors.data && kept < report.errors_total ? (
        <Typography.Text type="secondary">
          {t('imports.errorsKept', { kept, total: report.errors_total })}
        </Typography.Text>
      ) : null}
      {errors.isError ? (
        <ProblemAlert error={errors.error} onRetry={() => void errors.refetch()} />
      ) : null}
      <RowErrorsTable
        errors={errors.data?.items ?? []}
        caption={caption}
        loading={errors.isFetching}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: kept,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
      />
    </Flex>
  );
}
