import { MessageOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { FeedbackItem, ResultNode, UnitResult } from '../api/feedback';

import { ExplanationView } from './ExplanationView';
import { FeedbackStatusTag } from './FeedbackStatusTag';

/** How deep a criterion sits in the tree, read from its code ("1" a pillar, "1.2" below it). */
function depthOf(code: string): number {
  return code.split('.').length - 1;
}

interface CriteriaTableProps {
  result: UnitResult;
  /** The unit's feedback and whether it may file more: the feedback column (the unit's page). */
  feedback?: {
    items: readonly FeedbackItem[];
    windowOpen: boolean;
    onFile: (code: string) => void;
  };
}

/** Every criterion that applies, in tree order; an indicator's row opens its explanation. */
export function CriteriaTable({ result, feedback }: CriteriaTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const waiting = new Set(
    (feedback?.items ?? [])
      .filter((item) => item.status === 'open')
      .map((item) => item.indicator_code),
  );
  const isIndicator = (code: string) => code in result.explanations;

  const columns: TableColumnsType<ResultNode> = [
    {
      key: 'criterion',
      title: t('feedback.criterion'),
      render: (_: unknown, node) => (
        <span style={{ paddingInlineStart: depthOf(node.code) * 16 }}>
          <Typography.Text strong={!isIndicator(node.code)}>
            {node.code} – {node.name_vi ?? node.code}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'points',
      title: t('feedback.points'),
      width: 140,
      render: (_: unknown, node) =>
        t('feedback.pointsOfMax', {
          points: formatPoints(node.points, language),
          max: formatPoints(node.max_points, language),
        }),
    },
  ];
  if (feedback) {
    columns.push({
      key: 'feedback',
      title: t('feedback.feedbackColumn'),
      width: 190,
      render: (_: unknown, node) => {
        if (!isIndicator(node.code)) return null;
        if (waiting.has(node.code)) return <FeedbackStatusTag status="open" />;
        if (!feedback.windowOpen) return null;
        return (
          <Button
            size="small"
            icon={<MessageOutlined aria-hidden />}
            aria-label={t('feedback.fileButtonLabel', { code: node.code })}
            onClick={() => feedback.onFile(node.code)}
          >
            {t('feedback.fileButton')}
          </Button>
        );
      },
    });
  }

  return (
    <Table<ResultNode>
      size="middle"
      rowKey="code"
      className="results-criteria"
      columns={columns}
      dataSource={result.nodes}
      pagination={false}
      expandable={{
        rowExpandable: (node) => isIndicator(node.code),
        expandedRowRender: (node) => {
          const explanation = result.explanations[node.code];
          return explanation ? (
            <ExplanationView code={node.code} explanation={explanation} />
          ) : null;
        },
      }}
      scroll={{ x: 640 }}
    />
  );
}
