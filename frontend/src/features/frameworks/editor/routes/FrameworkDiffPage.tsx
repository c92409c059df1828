import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Form, Select, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { frameworkEditPath, frameworkPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { useFrameworks } from '../../api/frameworks';
import { ProposalLinks } from '../../components/ProposalLinks';
import { useFrameworkDiff } from '../api';
import { DiffTable, fieldLabel } from '../components/DiffTable';
import '../editor.css';

function plain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** Two framework versions side by side: what changed from the base to the target. */
export default function FrameworkDiffPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const frameworks = useFrameworks();
  const items = frameworks.data?.items ?? [];
  const target = Number(params.get('target')) || items.find((f) => f.status === 'draft')?.id;
  const targetFramework = items.find((framework) => framework.id === target);
  const base = Number(params.get('base')) || targetFramework?.cloned_from_id || undefined;
  const diff = useFrameworkDiff(base, target);

  const pick = (key: 'base' | 'target', id: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(key, String(id));
        return next;
      },
      { replace: true },
    );
  const options = items.map((framework) => ({
    value: framework.id,
    label: `${framework.code} (${t(`frameworks.statuses.${framework.status}`)})`,
  }));

  if (frameworks.isPending) return <FullPageSpin />;
  if (frameworks.isError) return <ProblemAlert error={frameworks.error} />;

  return (
    <>
      <PageTitle description={t('frameworkEditor.diff.intro')}>
        {t('frameworkEditor.diff.title')}
      </PageTitle>
      <Form layout="vertical" component="div">
        <Flex gap="middle" align="center" wrap className="toolbar">
          <Form.Item label={t('frameworkEditor.diff.base')} htmlFor="diff-base">
            <Select<number>
              id="diff-base"
              style={{ minWidth: 280 }}
              value={base}
              onChange={(id) => pick('base', id)}
              options={options}
            />
          </Form.Item>
          <ArrowRightOutlined aria-hidden />
          <Form.Item label={t('frameworkEditor.diff.target')} htmlFor="diff-target">
            <Select<number>
              id="diff-target"
              style={{ minWidth: 280 }}
              value={target}
              onChange={(id) => pick('target', id)}
              options={options}
            />
          </Form.Item>
          {targetFramework ? (
            <Space>
              <Link to={frameworkPath(targetFramework.id)}>{t('frameworkEditor.diff.view')}</Link>
              {targetFramework.status === 'draft' && !targetFramework.is_frozen ? (
                <Link to={frameworkEditPath(targetFramework.id)}>
                  {t('frameworkEditor.diff.edit')}
                </Link>
              ) : null}
            </Space>
          ) : null}
        </Flex>
      </Form>

      {base === undefined || target === undefined ? (
        <Typography.Paragraph>{t('frameworkEditor.diff.pickTwo')}</Typography.Paragraph>
      ) : base === target ? (
        <Typography.Paragraph>{t('frameworkEditor.diff.same')}</Typography.Paragraph>
      ) : diff.isPending ? (
        <FullPageSpin />
      ) : diff.isError ? (
        <ProblemAlert error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <>
          <section aria-label={t('frameworkEditor.diff.totals')} className="framework-summary">
            <Card size="small">
              <Space size="large" wrap>
                {(diff.data.totals ?? []).map((total) => (
                  <Statistic
                    key={total.group}
                    title={t('frameworks.maxPointsOf', { group: total.group })}
                    value={`${formatPoints(total.before ?? '0', language)} → ${formatPoints(total.after ?? '0', language)}`}
                  />
                ))}
              </Space>
              {diff.data.metadata.length > 0 ? (
                <Descriptions
                  size="small"
                  column={1}
                  className="diff-metadata"
                  items={diff.data.metadata.map((change) => ({
                    key: change.field,
                    label: fieldLabel(change.field, t),
                    children: `${plain(change.before)} → ${plain(change.after)}`,
                  }))}
                />
              ) : null}
            </Card>
          </section>
          <section aria-label={t('frameworkEditor.diff.criteria')}>
            <h2 className="editor-section-heading">
              {t('frameworkEditor.diff.criteriaCount', { count: diff.data.criteria.length })}
            </h2>
            <DiffTable
              changes={diff.data.criteria}
              // A draft's changes show the units' proposals DIC accepted into it.
              {...(targetFramework?.status === 'draft'
                ? {
                    answersTitle: t('proposals.links.heading'),
                    renderAnswers: (change) => (
                      <ProposalLinks frameworkId={targetFramework.id} code={change.code} />
                    ),
                  }
                : {})}
            />
          </section>
          <section aria-label={t('frameworkEditor.diff.elements')}>
            <h2 className="editor-section-heading">
              {t('frameworkEditor.diff.elementsCount', { count: diff.data.elements.length })}
            </h2>
            <ul className="diff-elements">
              {diff.data.elements.map((change) => (
                <li key={change.code}>
                  <strong>{change.code}</strong>{' '}
                  {localized(language, change.name_vi, change.name_en)} —{' '}
                  {t(`frameworkEditor.diff.${change.change}`)}
                  {change.fields.length > 0
                    ? `: ${change.fields.map((item) => `${fieldLabel(item.field, t)} ${plain(item.before)} → ${plain(item.after)}`).join('; ')}`
                    : ''}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
