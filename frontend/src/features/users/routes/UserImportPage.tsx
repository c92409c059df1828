import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError } from '@/api/errors';
import { FileDropzone } from '@/components/FileDropzone';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';
import { saveFile } from '@/lib/save-file';

import {
  downloadImportTemplate,
  isXlsx,
  passwordsCsv,
  reportOfProblem,
  useImportUsers,
} from '../api/users';
import type { ImportStage } from '../components/import-stage';
import { canApply, reportOf } from '../components/import-stage';
import { ImportedAccounts } from '../components/ImportedAccounts';
import { ImportRowErrors } from '../components/ImportRowErrors';

/** "Nhập người dùng từ Excel": the template, a dry run with every row's errors, then all or none. */
export default function UserImportPage() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<ImportStage>({ kind: 'idle' });
  const [downloading, setDownloading] = useState(false);
  const send = useImportUsers();

  const template = async () => {
    setDownloading(true);
    try {
      await downloadImportTemplate();
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  const check = async (file: File) => {
    setStage({ kind: 'checking', file, percent: 0 });
    try {
      const report = await send.mutateAsync({
        file,
        dryRun: true,
        onProgress: (percent) => setStage({ kind: 'checking', file, percent }),
      });
      setStage({ kind: 'checked', file, report });
    } catch (error) {
      setStage({ kind: 'failed', file, error });
    }
  };

  const apply = async (file: File) => {
    setStage({ kind: 'applying', file, percent: 0 });
    try {
      const report = await send.mutateAsync({
        file,
        dryRun: false,
        onProgress: (percent) => setStage({ kind: 'applying', file, percent }),
      });
      setStage({ kind: 'applied', file, report });
    } catch (error) {
      setStage({ kind: 'failed', file, error, report: reportOfProblem(error) });
    }
  };

  const choose = (file: File) => {
    if (isXlsx(file)) void check(file);
    else setStage({ kind: 'failed', file, error: new Error('not an .xlsx file') });
    return false; // the page sends the file itself
  };

  const busy = stage.kind === 'checking' || stage.kind === 'applying';
  const report = reportOf(stage);

  return (
    <>
      <PageTitle
        description={t('adminUsers.importIntro')}
        extra={
          <Link to={PATHS.users}>
            <ArrowLeftOutlined aria-hidden /> {t('adminUsers.backToList')}
          </Link>
        }
      >
        {t('adminUsers.importTitle')}
      </PageTitle>
      <Card className="import-card">
        <Flex vertical gap="middle">
          <div>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={downloading}
              onClick={() => void template()}
            >
              {t('adminUsers.template')}
            </Button>
          </div>
          {stage.kind === 'applied' ? null : (
            <FileDropzone
              accept=".xlsx"
              disabled={busy}
              onChoose={choose}
              text={t('adminUsers.chooseFile')}
              hint={t('adminUsers.chooseHint')}
            />
          )}
          {busy ? (
            <div role="status">
              <Typography.Text>
                {t(stage.kind === 'checking' ? 'adminUsers.checking' : 'adminUsers.applying', {
                  name: stage.file.name,
                })}
              </Typography.Text>
              <Progress percent={stage.percent} />
            </div>
          ) : null}
          {stage.kind === 'failed' ? (
            report ? (
              <Alert type="error" showIcon role="alert" title={t('adminUsers.rejected')} />
            ) : stage.error instanceof ApiError ? (
              <ProblemAlert error={stage.error} />
            ) : (
              <Alert type="error" showIcon role="alert" title={t('adminUsers.wrongType')} />
            )
          ) : null}
          {stage.kind === 'checked' && report ? (
            canApply(stage) ? (
              <Alert
                type="success"
                showIcon
                role="status"
                title={t('adminUsers.checkedOk', {
                  name: stage.file.name,
                  count: report.accounts.length,
                })}
                action={
                  <Button type="primary" onClick={() => void apply(stage.file)}>
                    {t('adminUsers.apply', { count: report.accounts.length })}
                  </Button>
                }
              />
            ) : (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('adminUsers.checkedErrors', {
                  name: stage.file.name,
                  count: report.error_count,
                })}
              />
            )
          ) : null}
          {stage.kind === 'applied' && report ? (
            <>
              <Alert
                type="success"
                showIcon
                role="status"
                title={t('adminUsers.applied', { count: report.created })}
                description={t('adminUsers.appliedIntro')}
              />
              <Space wrap>
                <Button
                  type="primary"
                  icon={<DownloadOutlined aria-hidden />}
                  onClick={() =>
                    saveFile(
                      new Blob([passwordsCsv(report)], { type: 'text/csv;charset=utf-8' }),
                      'mat-khau-tam.csv',
                    )
                  }
                >
                  {t('adminUsers.downloadPasswords')}
                </Button>
                <Button onClick={() => setStage({ kind: 'idle' })}>
                  {t('adminUsers.another')}
                </Button>
              </Space>
            </>
          ) : null}
          {report && report.errors.length > 0 ? (
            <>
              <ImportRowErrors errors={report.errors} />
              {report.error_count > report.errors.length ? (
                <Typography.Text type="secondary">
                  {t('adminUsers.moreErrors', {
                    shown: report.errors.length,
                    count: report.error_count,
                  })}
                </Typography.Text>
              ) : null}
            </>
          ) : null}
          {report && report.accounts.length > 0 ? (
            <ImportedAccounts accounts={report.accounts} withPasswords={stage.kind === 'applied'} />
          ) : null}
        </Flex>
      </Card>
    </>
  );
}
