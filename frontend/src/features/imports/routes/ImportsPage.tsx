import { CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import type { ImportReport, ImportSummary } from '@/api/types';
import { FileDropzone } from '@/components/FileDropzone';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { CITY_WIDE_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime } from '@/lib/format';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import {
  downloadTemplate,
  isRunning,
  sheetType,
  useImportFinished,
  useImportReports,
  useProviderUnits,
  usePushSheet,
} from '../api/imports';
import { BackgroundImport } from '../components/BackgroundImport';
import { ImportProgress } from '../components/ImportProgress';
import { ReportCounts } from '../components/ReportCounts';
import { ReportErrors } from '../components/ReportErrors';

const PAGE_SIZE = 10;

/**
 * Where the chosen sheet stands: being sent, running in the background (a large sheet), checked
 * (dry run), applied, cancelled, or failed.
 */
type Stage =
  | { kind: 'idle' }
  | { kind: 'checking' | 'applying'; file: File; percent: number }
  | { kind: 'background'; file: File; reportId: number; dryRun: boolean; key: string }
  | { kind: 'checked'; file: File; report: ImportReport; key: string }
  | { kind: 'applied'; file: File; report: ImportReport }
  | { kind: 'cancelled'; file: File }
  | { kind: 'failed'; file: File; error: unknown; report?: ImportReport };

/** A rejected apply carries its report inside the problem (the API's extension fields). */
function reportOfProblem(error: unknown): ImportReport | undefined {
  if (!(error instanceof ApiError) || error.problem?.code !== 'ingest.rejected') return undefined;
  return error.problem as unknown as ImportReport;
}

/** "Nhập số liệu": agencies (and DIC) fill the template, check it, and apply it whole. */
export default function ImportsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const { round } = useSelectedRound();
  const isDic = hasAnyRole(me.data, CITY_WIDE_ROLES);
  const providers = useProviderUnits(isDic);
  const [providerCode, setProviderCode] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [offset, setOffset] = useState(0);
  const reports = useImportReports(offset, PAGE_SIZE);
  const push = usePushSheet();
  const importFinished = useImportFinished();
  const collecting = round?.phase === 'collecting';

  /** A background import ended: show its outcome as a sheet answered at once would be. */
  const finished = useCallback(
    (file: File, key: string, report: ImportReport) => {
      importFinished(report);
      if (report.status === 'applied') setStage({ kind: 'applied', file, report });
      else if (report.status === 'cancelled') setStage({ kind: 'cancelled', file });
      else if (report.status === 'failed')
        setStage({ kind: 'failed', file, error: new Error(t('imports.jobFailed')) });
      else setStage({ kind: 'checked', file, report, key });
    },
    [importFinished, t],
  );

  const template = async () => {
    if (!round) return;
    setDownloading(true);
    try {
      await downloadTemplate(round.id, providerCode);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  const check = async (file: File) => {
    if (!round) return;
    setStage({ kind: 'checking', file, percent: 0 });
    try {
      const report = await push.mutateAsync({
        roundId: round.id,
        file,
        dryRun: true,
        onProgress: (percent) => setStage({ kind: 'checking', file, percent }),
      });
      // One key per checked file: a retried apply (a lost reply, a second click) applies once.
      const key = crypto.randomUUID();
      if (isRunning(report)) {
        setStage({ kind: 'background', file, reportId: report.report_id, dryRun: true, key });
      } else {
        setStage({ kind: 'checked', file, report, key });
      }
    } catch (error) {
      setStage({ kind: 'failed', file, error });
    }
  };

  const apply = async (file: File, key: string) => {
    if (!round) return;
    setStage({ kind: 'applying', file, percent: 0 });
    try {
      const report = await push.mutateAsync({
        roundId: round.id,
        file,
        dryRun: false,
        idempotencyKey: key,
        onProgress: (percent) => setStage({ kind: 'applying', file, percent }),
      });
      if (isRunning(report)) {
        setStage({ kind: 'background', file, reportId: report.report_id, dryRun: false, key });
      } else {
        setStage({ kind: 'applied', file, report });
      }
    } catch (error) {
      setStage({ kind: 'failed', file, error, report: reportOfProblem(error) });
    }
    setOffset(0);
  };

  const choose = (file: File) => {
    if (sheetType(file) === null) {
      setStage({ kind: 'failed', file, error: new Error(t('imports.wrongType')) });
    } else {
      void check(file);
    }
    return false; // we send the file ourselves
  };

  const busy =
    stage.kind === 'checking' || stage.kind === 'applying' || stage.kind === 'background';

  const reportColumns: TableColumnsType<ImportSummary> = [
    {
      key: 'time',
      title: t('imports.when'),
      dataIndex: 'created_at',
      render: (value: string) => formatDateTime(value),
    },
    { key: 'actor', title: t('imports.sender'), dataIndex: 'actor' },
    {
      key: 'kind',
      title: t('imports.kind'),
      render: (_: unknown, report) => (
        <>
          {report.format.toUpperCase()}
          {report.dry_run ? <Tag className="import-dry-tag">{t('imports.dryRunTag')}</Tag> : null}
        </>
      ),
    },
    {
      key: 'status',
      title: t('imports.status'),
      render: (_: unknown, report) =>
        isRunning(report) ? (
          <ImportProgress report={report} />
        ) : (
          <Tag
            color={
              report.status === 'applied'
                ? 'success'
                : report.status === 'rejected' || report.status === 'failed'
                  ? 'error'
                  : report.status === 'cancelled'
                    ? 'default'
                    : 'processing'
            }
          >
            {t(`imports.statuses.${report.status}`)}
          </Tag>
        ),
    },
    {
      key: 'counts',
      title: t('imports.countsTitle'),
      render: (_: unknown, report) =>
        t('imports.countsShort', {
          received: report.counts.received,
          applied: report.counts.applied,
          unchanged: report.counts.unchanged,
          rejected: report.counts.rejected,
        }),
    },
  ];

  if (!round) {
    return (
      <>
        <PageTitle>{t('imports.title')}</PageTitle>
        <Alert type="info" showIcon title={t('imports.noRound')} />
      </>
    );
  }

  return (
    <>
      <PageTitle description={t('imports.intro')}>{t('imports.title')}</PageTitle>
      <Flex vertical gap="large">
        {!collecting ? (
          <Alert
            type="warning"
            showIcon
            title={t('imports.notCollecting', { phase: t(`phases.${round.phase}`) })}
          />
        ) : null}
        <Card title={<h2 className="card-heading">{t('imports.templateTitle')}</h2>}>
          <Typography.Paragraph>
            {t('imports.templateHelp', {
              round: localized(language, round.title_vi, round.title_en),
            })}
          </Typography.Paragraph>
          <Space wrap>
            {isDic ? (
              <Select<string>
                allowClear
                className="import-provider-select"
                aria-label={t('imports.provider')}
                placeholder={t('imports.allProviders')}
                loading={providers.isPending}
                value={providerCode}
                onChange={setProviderCode}
                options={(providers.data?.items ?? []).map((unit) => ({
                  value: unit.code,
                  label: `${unit.code} – ${localized(language, unit.name_vi, unit.name_en)}`,
                }))}
              />
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={downloading}
              onClick={() => void template()}
            >
              {t('imports.downloadTemplate')}
            </Button>
          </Space>
        </Card>

        <Card title={<h2 className="card-heading">{t('imports.uploadTitle')}</h2>}>
          <Flex vertical gap="middle">
            <FileDropzone
              accept=".csv,.xlsx"
              disabled={busy || !collecting}
              onChoose={choose}
              text={t('imports.dropHere')}
              hint={t('imports.dropHint')}
            />

            {stage.kind === 'checking' || stage.kind === 'applying' ? (
              <div role="status" aria-live="polite">
                <Typography.Text>
                  {t(stage.kind === 'checking' ? 'imports.checking' : 'imports.applying', {
                    name: stage.file.name,
                  })}
                </Typography.Text>
                <Progress
                  percent={stage.percent}
                  status="active"
                  aria-label={t('imports.progress', { name: stage.file.name })}
                />
                {stage.percent >= 100 ? (
                  <Typography.Text type="secondary">{t('imports.processing')}</Typography.Text>
                ) : null}
              </div>
            ) : null}

            {stage.kind === 'background' ? (
              <div>
                <Typography.Text>
                  {t(stage.dryRun ? 'imports.checking' : 'imports.applying', {
                    name: stage.file.name,
                  })}{' '}
                  <Typography.Text type="secondary">{t('imports.background')}</Typography.Text>
                </Typography.Text>
                <BackgroundImport
                  reportId={stage.reportId}
                  onFinished={(report) => finished(stage.file, stage.key, report)}
                />
              </div>
            ) : null}

            {stage.kind === 'cancelled' ? (
              <Alert
                type="info"
                showIcon
                role="status"
                title={t('imports.cancelledOk', { name: stage.file.name })}
              />
            ) : null}

            {stage.kind === 'checked' && stage.report.status === 'validated' ? (
              <Alert
                type="success"
                showIcon
                role="status"
                title={t('imports.checkedOk', { name: stage.file.name })}
                description={<ReportCounts report={stage.report} />}
                action={
                  <Button type="primary" onClick={() => void apply(stage.file, stage.key)}>
                    {t('imports.apply')}
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
                  title={t('imports.checkedErrors', {
                    count: stage.report.counts.rejected,
                    name: stage.file.name,
                  })}
                  description={t('imports.fixAndRetry')}
                />
                <ReportErrors report={stage.report} caption={t('imports.errorsCaption')} />
              </>
            ) : null}

            {stage.kind === 'applied' ? (
              <Alert
                type="success"
                showIcon
                icon={<CheckCircleOutlined aria-hidden />}
                role="status"
                title={t('imports.appliedOk', {
                  count: stage.report.counts.applied,
                  name: stage.file.name,
                })}
                description={<ReportCounts report={stage.report} />}
              />
            ) : null}

            {stage.kind === 'failed' ? (
              <>
                {stage.error instanceof ApiError ? (
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
                {stage.report && stage.report.errors_total > 0 ? (
                  <ReportErrors report={stage.report} caption={t('imports.errorsCaption')} />
                ) : null}
              </>
            ) : null}
          </Flex>
        </Card>

        <Card title={<h2 className="card-heading">{t('imports.historyTitle')}</h2>}>
          {reports.isError ? (
            <ProblemAlert error={reports.error} onRetry={() => void reports.refetch()} />
          ) : null}
          <Table<ImportSummary>
            size="small"
            rowKey="report_id"
            loading={reports.isFetching}
            columns={reportColumns}
            dataSource={reports.data?.items ?? []}
            locale={{
              emptyText: (
                <Typography.Text type="secondary">{t('imports.noHistory')}</Typography.Text>
              ),
            }}
            expandable={{
              rowExpandable: (report) => report.errors_total > 0,
              expandedRowRender: (report) => (
                <ReportErrors
                  report={report}
                  caption={t('imports.errorsOfReport', { id: report.report_id })}
                />
              ),
            }}
            pagination={{
              current: Math.floor(offset / PAGE_SIZE) + 1,
              pageSize: PAGE_SIZE,
              total: reports.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (page) => setOffset((page - 1) * PAGE_SIZE),
            }}
            scroll={{ x: 720 }}
          />
        </Card>
      </Flex>
    </>
  );
}
