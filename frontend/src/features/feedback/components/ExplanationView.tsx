import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { ExplainedInput, Explanation } from '../api/feedback';

interface ExplanationViewProps {
  code: string;
  explanation: Explanation;
}

/** How the engine reached an indicator's points: the formula with its numbers, the inputs it read,
 * and DIC's adjustment if there is one. */
export function ExplanationView({ code, explanation }: ExplanationViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();

  const shown = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('feedback.noValue');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'number' || typeof value === 'string') return String(value);
    return JSON.stringify(value);
  };

  const columns: TableColumnsType<ExplainedInput> = [
    { key: 'name', title: t('feedback.inputName'), dataIndex: 'name', width: 100 },
    {
      key: 'element',
      title: t('feedback.inputElement'),
      dataIndex: 'element_code',
      render: (value: string) => <code>{value}</code>,
    },
    {
      key: 'value',
      title: t('feedback.inputValue'),
      dataIndex: 'value',
      render: (value: unknown) => shown(value),
    },
    {
      key: 'source',
      title: t('feedback.inputSource'),
      dataIndex: 'source',
      render: (value: string) => t(`sources.${value}`, { defaultValue: value }),
    },
  ];

  return (
    <section aria-label={t('feedback.explanationOf', { code })} className="feedback-explanation">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'rule',
            label: t('feedback.rule'),
            children: (
              <>
                {t(`ruleKinds.${explanation.rule}`, { defaultValue: explanation.rule })}{' '}
                <Tag>
                  {t(`feedback.outcomes.${explanation.outcome}`, {
                    defaultValue: explanation.outcome,
                  })}
                </Tag>
              </>
            ),
          },
          {
            key: 'formula',
            label: t('feedback.formula'),
            children: localized(language, explanation.formula_vi, explanation.formula_en),
          },
          {
            key: 'points',
            label: t('feedback.points'),
            children: t('feedback.pointsOfMax', {
              points: formatPoints(explanation.points, language),
              max: formatPoints(explanation.max_points, language),
            }),
          },
        ]}
      />
      <Typography.Text strong>{t('feedback.inputs')}</Typography.Text>
      <Table<ExplainedInput>
        size="small"
        rowKey="name"
        pagination={false}
        columns={columns}
        dataSource={explanation.inputs}
        locale={{
          emptyText: <Typography.Text type="secondary">{t('feedback.noInputs')}</Typography.Text>,
        }}
      />
      {explanation.adjustment ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('feedback.adjustment', {
            points: formatPoints(explanation.adjustment.points, language),
          })}
          description={t('feedback.adjustmentReason', { reason: explanation.adjustment.reason })}
        />
      ) : null}
    </section>
  );
}
