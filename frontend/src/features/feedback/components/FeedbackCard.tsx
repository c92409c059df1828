import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';

import type { FeedbackItem } from '../api/feedback';
import { AnswerForm } from './AnswerForm';
import { FeedbackFiles } from './FeedbackFiles';
import { FeedbackStatusTag } from './FeedbackStatusTag';

interface FeedbackCardProps {
  roundId: number;
  item: FeedbackItem;
  unitName: string | undefined;
  onAnswered: () => void;
}

/** One unit's feedback as DIC reads it: what the unit wrote and sent, and the answer (or its form). */
export function FeedbackCard({ roundId, item, unitName, onAnswered }: FeedbackCardProps) {
  const { t } = useTranslation();
  const unit = unitName ? `${item.unit_code} – ${unitName}` : item.unit_code;
  return (
    <Card
      size="small"
      className="feedback-card"
      title={
        <h3 className="card-heading">
          {t('feedback.itemTitle', { unit, code: item.indicator_code })}
        </h3>
      }
      extra={<FeedbackStatusTag status={item.status} />}
    >
      <Flex vertical gap="small">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {item.body}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t('feedback.filedBy', {
            name: item.filed_by_name ?? item.filed_by,
            time: formatDateTime(item.filed_at),
          })}
        </Typography.Text>
        <div>
          <Typography.Text strong>{t('feedback.files')}: </Typography.Text>
          <FeedbackFiles
            files={item.files}
            label={t('feedback.filesOfUnit', { unit: item.unit_code, code: item.indicator_code })}
          />
        </div>
        {item.status === 'open' ? (
          <AnswerForm roundId={roundId} item={item} onAnswered={onAnswered} />
        ) : (
          <div>
            <Typography.Text strong>{t('feedback.response')}: </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {item.response}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('feedback.respondedBy', {
                name: item.responded_by_name ?? item.responded_by ?? '',
                time: formatDateTime(item.responded_at),
              })}
            </Typography.Text>
          </div>
        )}
      </Flex>
    </Card>
  );
}
