import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError } from '@/api/errors';
import { FileDropzone } from '@/components/FileDropzone';
import { ProblemAlert } from '@/components/ProblemAlert';
import { unitPath } from '@/config/paths';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { downloadUnitTemplate, useImportUnits } from '../api/admin';
import type { UnitImportReport, UnitImportRowError } from '../api/admin';
import { reportOfRejection } from '../lib/import-report';

type Stage =
  | { kind: 'idle' }
  | { kind: 'checking' | 'applying'; file: File }
  | { kind: 'checked'; file: File; report: UnitImportReport }
  | { kind: 'applied'; file: File; report: UnitImportReport }
  | { kind: 'failed'; file: File; error: unknown; report?: UnitImportReport | undefined };

function RowErrors({ report }: { report: UnitImportReport }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<UnitImportRowError> = [
    { key: 'row', title: t('adminUnits.import.row'), dataIndex: 'row', width: 80 },
    { key: 'column', title: t('adminUnits.import.column'), dataIndex: 'column', width: 140 },
    {
      key: 'message',
      title: t('adminUnits.import.message'),
      render: (_: unknown, error) => (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ),
    },
  ];
  return (
    <Table<UnitImportRowError>
      size="small"
      className="row-errors"
      rowKey={(error) => `${error.row}-${error.column}-${error.code}-${error.message}`}
      columns={columns}
      dataSource={report.errors}
      pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      title={() => (
        <Typography.Text strong>
          {t('adminUnits.import.errorsCaption', { count: report.error_count })}
        </Typography.Text>
      )}
      scroll={{ x: 560 }}
    />
  );
}

/** Units from an Excel sheet: the template, a dry run with every row's errors, then all or none. */
export default function UnitImportPage() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [downloading, setDownloading] = useState(false);
  const send = useImportUnits();
  const busy = stage.kind === 'checking' || stage.kind === 'applying';

  const template = async () => {
    setDownloading(true);
    try {
      await downloadUnitTemplate();
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  const run = async (file: File, dryRun: boolean) => {
    setStage({ kind: dryRun ? 'checking' : 'applying', file });
    try {
      const report = await send.mutateAsync({ file, dryRun });
      setStage({ kind: dryRun ? 'checked' : 'applied', file, report });
    } catch (error) {
      setStage({ kind: 'failed', file, error, report: reportOfRejection(error) });
    }
  };

  const choose = (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setStage({ kind: 'failed', file, error: new Error(t('adminUnits.import.wrongType')) });
    } else {
      void run(file, true);
    }
    return false; // the page sends the file itself
  };

  return (
    <Flex vertical gap="large">
      <Card title={<h2 className="card-heading">{t('adminUnits.import.templateTitle')}</h2>}>
        <Typography.Paragraph>{t('adminUnits.import.templateHelp')}</Typography.Paragraph>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={downloading}
          onClick={() => void template()}
        >
          {t('adminUnits.import.downloadTemplate')}
        </Button>
      </Card>
      <Card title={<h2 className="card-heading">{t('adminUnits.import.uploadTitle')}</h2>}>
        <Flex vertical gap="middle">
          <FileDropzone
            accept=".xlsx"
            disabled={busy}
            onChoose={choose}
            text={t('adminUnits.import.dropHere')}
            hint={t('adminUnits.import.dropHint')}
          />

          {busy ? (
            <Alert
              type="info"
              showIcon
              role="status"
              title={t(
                stage.kind === 'checking'
                  ? 'adminUnits.import.checking'
                  : 'adminUnits.import.applying',
                {
                  name: stage.file.name,
                },
              )}
            />
          ) : null}

          {stage.kind === 'checked' && stage.report.status === 'validated' ? (
            <Alert
              type="success"
              showIcon
              role="status"
              title={t('adminUnits.import.checkedOk', {
                name: stage.file.name,
                count: stage.report.rows,
              })}
              description={
                stage.report.closed.length > 0
                  ? t('adminUnits.import.willClose', { codes: stage.report.closed.join(', ') })
                  : undefined
              }
              action={
                <Button type="primary" onClick={() => void run(stage.file, false)}>
                  {t('adminUnits.import.apply')}
                </Button>
              }
            />
          ) : null}

          {stage.kind === 'checked' && stage.report.status === 'rejected' ? (
            <>
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('adminUnits.import.checkedErrors', {
                  name: stage.file.name,
                  count: stage.report.error_count,
                })}
                description={t('adminUnits.import.fixAndRetry')}
              />
              <RowErrors report={stage.report} />
            </>
          ) : null}

          {stage.kind === 'applied' ? (
            <Alert
              type="success"
              showIcon
              role="status"
              title={t('adminUnits.import.appliedOk', { count: stage.report.created.length })}
              description={
                <span>
                  {stage.report.created.map((code, index) => (
                    <span key={code}>
                      {index > 0 ? ', ' : ''}
                      <Link to={unitPath(code)}>{code}</Link>
                    </span>
                  ))}
                </span>
              }
            />
          ) : null}

          {stage.kind === 'failed' ? (
            <>
              {stage.report ? (
                <Alert type="error" showIcon role="alert" title={problemMessage(stage.error, t)} />
              ) : stage.error instanceof ApiError ? (
                <ProblemAlert error={stage.error} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={
                    stage.error instanceof Error ? stage.error.message : t('errors.unexpected')
                  }
                />
              )}
              {stage.report ? <RowErrors report={stage.report} /> : null}
            </>
          ) : null}
        </Flex>
      </Card>
    </Flex>
  );
}
