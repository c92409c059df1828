import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Answer, Decision, SubmissionStatus } from '@/api/types';
import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';

import { decide } from '../api/review';

/** Statuses in which DIC decides on answers (the unit has submitted). */
const REVIEWABLE: readonly SubmissionStatus[] = ['submitted', 'resubmitted', 'returned', 'accepted'];

interface ReviewPanelProps {
  roundId: number;
  unitCode: string;
  answer: Answer;
  status: SubmissionStatus;
  /** Called after a decision is recorded (the page reloads the assessment). */
  onDecided: () => Promise<unknown>;
}

/** The reviewer's decision form on one answer: accept, adjust the points (with a reason) or
 * return it to the unit (saying what to fix). */
export function ReviewPanel({ roundId, unitCode, answer, status, onDecided }: ReviewPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const code = answer.indicator_code;
  const [decision, setDecision] = useState<Decision>('accepted');
  const [points, setPoints] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const save = useMutation({
    mutationFn: () =>
      decide(roundId, unitCode, code, {
        decision,
        points: decision === 'adjusted' ? points : null,
        comment: comment.trim() ? comment.trim() : null,
      }),
    meta: { inlineErrors: true },
    onSuccess: async () => {
      setComment('');
      setPoints(null);
      await onDecided();
    },
  });

  if (!REVIEWABLE.includes(status)) {
    return (
      <Typography.Paragraph type="secondary" className="review-panel-closed">
        {t('review.notSubmitted')}
      </Typography.Paragraph>
    );
  }
  const id = (part: string) => `review-${part}-${code}`;
  return (
    <section className="review-panel" aria-label={t('review.panelLabel', { code })}>
      <Typography.Text strong>{t('review.decisionTitle')}</Typography.Text>
      <Form layout="vertical" component={false}>
        <Radio.Group
          value={decision}
          onChange={(event) => setDecision(event.target.value as Decision)}
          optionType="button"
          aria-label={t('review.decisionLabel', { code })}
          options={[
            { value: 'accepted', label: t('review.decisions.accepted') },
            { value: 'adjusted', label: t('review.decisions.adjusted') },
            { value: 'returned', label: t('review.decisions.returned') },
          ]}
        />
        {decision === 'adjusted' ? (
          <Form.Item
            label={t('review.points', { max: formatPoints(answer.max_points, language) })}
            htmlFor={id('points')}
            className="review-points"
          >
            <InputNumber<string>
              id={id('points')}
              stringMode
              min="0"
              max={answer.max_points}
              step="0.5"
              decimalSeparator={language === 'vi' ? ',' : '.'}
              value={points}
              onChange={(value) => setPoints(value)}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={decision === 'returned' ? t('review.whatToFix') : decision === 'adjusted' ? t('review.reason') : t('review.commentOptional')}
          htmlFor={id('comment')}
          required={decision !== 'accepted'}
        >
          <Input.TextArea
            id={id('comment')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={4000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </Form.Item>
      </Form>
      {save.isError ? (
        <Alert type="error" showIcon role="alert" className="review-error" title={problemMessage(save.error, t)} />
      ) : null}
      <Space>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {t('review.save')}
        </Button>
      </Space>
    </section>
  );
}
