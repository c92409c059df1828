import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { ApiError } from '@/api/errors';
import { FileDropzone } from '@/components/FileDropzone';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS, frameworkPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';

import type { CriterionRule } from '@/api/types';

import { useFrameworks } from '../api/frameworks';
import { describeRule } from '../rules';
import { reportOfRejection, useImportFramework } from './api';
import type { FrameworkImportReport, ImportDiff, ImportOverrides, ImportRowError } from './api';

type Stage =
  | { kind: 'idle' }
  | { kind: 'checking' | 'applying'; file: File }
  | { kind: 'checked'; file: File; report: FrameworkImportReport }
  | { kind: 'failed'; file: File; error: unknown; report?: FrameworkImportReport | undefined };

interface ChangeRow {
  key: string;
  part: 'metadata' | 'criterion' | 'element';
  code: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: string;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** A value of the diff as words: a rule as the viewer says it, anything else as it is. */
type Words = (field: string, value: unknown) => string;

function changeRows(diff: ImportDiff, words: Words): ChangeRow[] {
  const fields = (items: { field: string; before: unknown; after: unknown }[]) =>
    items
      .map(
        (item) =>
          `${item.field}: ${words(item.field, item.before)} → ${words(item.field, item.after)}`,
      )
      .join('; ');
  return [
    ...diff.metadata.map((item) => ({
      key: `m-${item.field}`,
      part: 'metadata' as const,
      code: item.field,
      name: '',
      change: 'changed' as const,
      fields: `${shown(item.before)} → ${shown(item.after)}`,
    })),
    ...diff.criteria.map((item) => ({
      key: `c-${item.code}`,
      part: 'criterion' as const,
      code: item.code,
      name: item.name_vi,
      change: item.change,
      fields: fields(item.fields),
    })),
    ...diff.elements.map((item) => ({
      key: `e-${item.code}`,
      part: 'element' as const,
      code: item.code,
      name: item.name_vi,
      change: item.change,
      fields: fields(item.fields),
    })),
  ];
}

// Dark custom colours (white text on them passes WCAG AA; antd's preset tags here do not).
const CHANGE_COLOURS = { added: '#237804', removed: '#a8071a', changed: '#874d00' } as const;

function Changes({ diff }: { diff: ImportDiff }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const words: Words = (field, value) => {
    if (field === 'rule' && value && typeof value === 'object' && 'kind' in value) {
      try {
        return describeRule(value as CriterionRule, t, language).join(' ');
      } catch {
        return shown(value);
      }
    }
    return shown(value);
  };
  const rows = changeRows(diff, words);
  const columns: TableColumnsType<ChangeRow> = [
    {
      key: 'part',
      title: t('frameworkExcel.diff.part'),
      width: 130,
      render: (_: unknown, row) => t(`frameworkExcel.diff.parts.${row.part}`),
    },
    { key: 'code', title: t('frameworkExcel.diff.code'), dataIndex: 'code', width: 110 },
    { key: 'name', title: t('frameworkExcel.diff.name'), dataIndex: 'name', width: 260 },
    {
      key: 'change',
      title: t('frameworkExcel.diff.change'),
      width: 110,
      render: (_: unknown, row) => (
        <Tag color={CHANGE_COLOURS[row.change]}>
          {t(`frameworkExcel.diff.changes.${row.change}`)}
        </Tag>
      ),
    },
    { key: 'fields', title: t('frameworkExcel.diff.fields'), dataIndex: 'fields' },
  ];
  return (
    <section aria-label={t('frameworkExcel.diff.title', { code: diff.base_code })}>
      <h3 className="card-heading">{t('frameworkExcel.diff.title', { code: diff.base_code })}</h3>
      {rows.length === 0 ? (
        <Typography.Paragraph>{t('frameworkExcel.diff.none')}</Typography.Paragraph>
      ) : (
        <Table<ChangeRow>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 900 }}
        />
      )}
    </section>
  );
}

function RowErrors({ report }: { report: FrameworkImportReport }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportRowError> = [
    { key: 'sheet', title: t('frameworkExcel.errors.sheet'), dataIndex: 'sheet', width: 110 },
    {
      key: 'row',
      title: t('frameworkExcel.errors.row'),
      width: 80,
      render: (_: unknown, error) => error.row ?? '—',
    },
    {
      key: 'field',
      title: t('frameworkExcel.errors.field'),
      width: 160,
      render: (_: unknown, error) => error.field ?? '—',
    },
    {
      key: 'message',
      title: t('frameworkExcel.errors.message'),
      render: (_: unknown, error) => (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ),
    },
  ];
  return (
    <Table<ImportRowError>
      size="small"
      className="row-errors"
      rowKey={(error) =>
        `${error.sheet}-${error.row}-${error.field}-${error.code}-${error.message}`
      }
      columns={columns}
      dataSource={report.errors}
      pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      title={() => (
        <Typography.Text strong>
          {t('frameworkExcel.errors.caption', { count: report.error_count })}
        </Typography.Text>
      )}
      scroll={{ x: 640 }}
    />
  );
}

function Summary({ report }: { report: FrameworkImportReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const summary = report.summary;
  if (!summary) return null;
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('frameworkExcel.summary.code'), children: summary.code },
    {
      key: 'title',
      label: t('frameworkExcel.summary.title'),
      children: localized(language, summary.title_vi, summary.title_en),
    },
    { key: 'year', label: t('frameworkExcel.summary.year'), children: summary.year },
    {
      key: 'counts',
      label: t('frameworkExcel.summary.counts'),
      children: t('frameworkExcel.summary.countsValue', {
        criteria: summary.criteria_count,
        indicators: summary.indicator_count,
        elements: summary.element_count,
      }),
    },
    ...summary.groups.map((group) => ({
      key: `max-${group}`,
      label: t('frameworkExcel.summary.maxPoints', { group }),
      children: formatPoints(summary.max_points_by_group[group] ?? '0', language),
    })),
  ];
  return (
    <section aria-label={t('frameworkExcel.summary.heading')}>
      <h3 className="card-heading">{t('frameworkExcel.summary.heading')}</h3>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />
    </section>
  );
}

/** "Nhập bộ chỉ số từ Excel": a dry run with a summary, the diff and every row error, then a
 * new draft version, all or nothing. */
export default function FrameworkImportPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const send = useImportFramework();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [overrides, setOverrides] = useState<ImportOverrides>({});
  const [baseId, setBaseId] = useState<number | undefined>(undefined);
  const busy = stage.kind === 'checking' || stage.kind === 'applying';
  const file = stage.kind === 'idle' ? undefined : stage.file;

  const check = async (chosen: File) => {
    setStage({ kind: 'checking', file: chosen });
    try {
      const report = await send.mutateAsync({ file: chosen, dryRun: true, baseId, overrides });
      setStage({ kind: 'checked', file: chosen, report });
    } catch (error) {
      setStage({ kind: 'failed', file: chosen, error, report: reportOfRejection(error) });
    }
  };

  const apply = async (chosen: File) => {
    setStage({ kind: 'applying', file: chosen });
    try {
      const report = await send.mutateAsync({ file: chosen, dryRun: false, baseId, overrides });
      if (report.framework_id !== null) {
        void navigate(frameworkPath(report.framework_id));
      } else {
        setStage({ kind: 'checked', file: chosen, report });
      }
    } catch (error) {
      setStage({ kind: 'failed', file: chosen, error, report: reportOfRejection(error) });
    }
  };

  const choose = (chosen: File) => {
    if (!chosen.name.toLowerCase().endsWith('.xlsx')) {
      setStage({ kind: 'failed', file: chosen, error: new Error(t('frameworkExcel.wrongType')) });
    } else {
      void check(chosen);
    }
    return false; // the page sends the file itself
  };

  const report =
    stage.kind === 'checked' ? stage.report : stage.kind === 'failed' ? stage.report : undefined;
  const override = (key: keyof ImportOverrides) => ({
    value: overrides[key] ?? '',
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      setOverrides((current) => ({ ...current, [key]: event.target.value })),
    disabled: busy,
  });

  return (
    <>
      <PageTitle
        description={t('frameworkExcel.intro')}
        extra={
          <Link to={PATHS.frameworks}>
            <ArrowLeftOutlined aria-hidden /> {t('frameworkExcel.back')}
          </Link>
        }
      >
        {t('frameworkExcel.importTitle')}
      </PageTitle>
      <Flex vertical gap="large">
        <Card title={<h2 className="card-heading">{t('frameworkExcel.fileTitle')}</h2>}>
          <Flex vertical gap="middle">
            <Typography.Paragraph>{t('frameworkExcel.fileHelp')}</Typography.Paragraph>
            <FileDropzone
              accept=".xlsx"
              disabled={busy}
              onChoose={choose}
              text={t('frameworkExcel.dropHere')}
              hint={t('frameworkExcel.dropHint')}
            />
          </Flex>
        </Card>

        <Card title={<h2 className="card-heading">{t('frameworkExcel.optionsTitle')}</h2>}>
          <Form layout="vertical" className="framework-import-options">
            <Form.Item
              label={t('frameworkExcel.newCode')}
              htmlFor="framework-import-code"
              extra={t('frameworkExcel.newCodeHelp')}
            >
              <Input id="framework-import-code" maxLength={64} {...override('code')} />
            </Form.Item>
            <Form.Item label={t('frameworkExcel.newTitleVi')} htmlFor="framework-import-title-vi">
              <Input id="framework-import-title-vi" maxLength={500} {...override('title_vi')} />
            </Form.Item>
            <Form.Item label={t('frameworkExcel.newTitleEn')} htmlFor="framework-import-title-en">
              <Input id="framework-import-title-en" maxLength={500} {...override('title_en')} />
            </Form.Item>
            <Form.Item
              label={t('frameworkExcel.base')}
              htmlFor="framework-import-base"
              extra={t('frameworkExcel.baseHelp')}
            >
              <Select<number>
                id="framework-import-base"
                allowClear
                disabled={busy}
                placeholder={t('frameworkExcel.baseAuto')}
                value={baseId}
                onChange={(value) => setBaseId(value)}
                onClear={() => setBaseId(undefined)}
                loading={frameworks.isPending}
                popupMatchSelectWidth={false}
                options={(frameworks.data?.items ?? []).map((item) => ({
                  value: item.id,
                  label: `${item.code} – ${localized(language, item.title_vi, item.title_en)}`,
                }))}
              />
            </Form.Item>
            <Button disabled={!file || busy} onClick={() => file && void check(file)}>
              {t('frameworkExcel.recheck')}
            </Button>
          </Form>
        </Card>

        {stage.kind !== 'idle' ? (
          <Card title={<h2 className="card-heading">{t('frameworkExcel.resultTitle')}</h2>}>
            <Flex vertical gap="middle">
              {busy ? (
                <Alert
                  type="info"
                  showIcon
                  role="status"
                  title={t(
                    stage.kind === 'checking'
                      ? 'frameworkExcel.checking'
                      : 'frameworkExcel.applying',
                    { name: stage.file.name },
                  )}
                />
              ) : null}

              {stage.kind === 'checked' && stage.report.status === 'validated' ? (
                <Alert
                  type="success"
                  showIcon
                  role="status"
                  title={t('frameworkExcel.checkedOk', { name: stage.file.name })}
                  description={t('frameworkExcel.checkedOkHelp')}
                  action={
                    <Button type="primary" onClick={() => void apply(stage.file)}>
                      {t('frameworkExcel.apply')}
                    </Button>
                  }
                />
              ) : null}

              {stage.kind === 'checked' && stage.report.status === 'rejected' ? (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={t('frameworkExcel.checkedErrors', {
                    name: stage.file.name,
                    count: stage.report.error_count,
                  })}
                  description={t('frameworkExcel.fixAndRetry')}
                />
              ) : null}

              {stage.kind === 'failed' ? (
                stage.report ? (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    title={problemMessage(stage.error, t)}
                  />
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
                )
              ) : null}

              {report ? <Summary report={report} /> : null}
              {report && report.errors.length > 0 ? <RowErrors report={report} /> : null}
              {report?.diff ? <Changes diff={report.diff} /> : null}
            </Flex>
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
