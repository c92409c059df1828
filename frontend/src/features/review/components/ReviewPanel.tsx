import { Alert, Button, Form, Input, InputNumber, Radio, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Answer, CriterionInput, Decision, SubmissionStatus } from '@/api/types';
import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';

import { useDecision } from '../api/review';

/** The unit's own figure as a hint beside the reviewer's. */
function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Statuses in which DIC decides on answers (the unit has submitted). */
const REVIEWABLE: readonly SubmissionStatus[] = [
  'submitted',
  'resubmitted',
  'returned',
  'accepted',
];

interface ReviewPanelProps {
  roundId: number;
  unitCode: string;
  answer: Answer;
  /** The indicator's inputs (names and types), for an adjustment by the reviewer's figures. */
  inputs: readonly CriterionInput[];
  status: SubmissionStatus;
  /** Called after a decision is recorded (the page reloads the assessment). */
  onDecided: () => Promise<unknown>;
}

/** The reviewer's decision form on one answer: accept, adjust the points (with a reason) or
 * return it to the unit (saying what to fix). */
export function ReviewPanel({
  roundId,
  unitCode,
  answer,
  inputs,
  status,
  onDecided,
}: ReviewPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const code = answer.indicator_code;
  const [decision, setDecision] = useState<Decision>('accepted');
  const [points, setPoints] = useState<string | null>(null);
  const [by, setBy] = useState<'points' | 'values'>('points');
  const [figures, setFigures] = useState<Record<string, string | boolean>>({});
  const [comment, setComment] = useState('');
  const save = useDecision(roundId, unitCode, code, {
    onSuccess: async () => {
      setComment('');
      setPoints(null);
      setFigures({});
      await onDecided();
    },
  });
  const submit = () =>
    save.mutate({
      decision,
      points: decision === 'adjusted' && by === 'points' ? points : null,
      values: decision === 'adjusted' && by === 'values' ? figures : null,
      comment: comment.trim() ? comment.trim() : null,
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
          <Segmented<'points' | 'values'>
            className="review-adjust-by"
            aria-label={t('review.adjustBy')}
            value={by}
            onChange={setBy}
            options={[
              { value: 'points', label: t('review.byPoints') },
              { value: 'values', label: t('review.byValues') },
            ]}
          />
        ) : null}
        {decision === 'adjusted' && by === 'values'
          ? inputs.map((input) => (
              <Form.Item
                key={input.name}
                label={t('review.figure', { name: input.name, element: input.element_code })}
                htmlFor={id(`value-${input.name}`)}
              >
                {input.value_type === 'boolean' ? (
                  <Radio.Group
                    id={id(`value-${input.name}`)}
                    value={figures[input.name]}
                    onChange={(event) =>
                      setFigures({ ...figures, [input.name]: event.target.value as boolean })
                    }
                    options={[
                      { value: true, label: t('common.yes') },
                      { value: false, label: t('common.no') },
                    ]}
                  />
                ) : (
                  <Input
                    id={id(`value-${input.name}`)}
                    value={
                      typeof figures[input.name] === 'string' ? (figures[input.name] as string) : ''
                    }
                    placeholder={shown(answer.inputs[input.name])}
                    onChange={(event) =>
                      setFigures({ ...figures, [input.name]: event.target.value })
                    }
                  />
                )}
              </Form.Item>
            ))
          : null}
        {decision === 'adjusted' && by === 'points' ? (
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
          label={
            decision === 'returned'
              ? t('review.whatToFix')
              : decision === 'adjusted'
                ? t('review.reason')
                : t('review.commentOptional')
          }
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
        <Alert
          type="error"
          showIcon
          role="alert"
          className="review-error"
          title={problemMessage(save.error, t)}
        />
      ) : null}
      <Space>
        <Button type="primary" loading={save.isPending} onClick={submit}>
          {t('review.save')}
        </Button>
      </Space>
    </section>
  );
}
