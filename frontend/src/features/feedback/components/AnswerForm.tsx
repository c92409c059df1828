import { Button, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { useAnswerFeedback, useUnitResult } from '../api/feedback';
import type { AnswerBody, FeedbackItem } from '../api/feedback';

interface AnswerFormProps {
  roundId: number;
  item: FeedbackItem;
  /** After the answer is recorded, before the list and the runs are read again. */
  onAnswered: () => void;
}

interface Values {
  decision?: AnswerBody['decision'];
  points?: string | null;
  reason?: string;
}

/** DIC's answer to one open feedback: accepted with the indicator's new points, or rejected; the
 * reason goes back to the unit either way. */
export function AnswerForm({ roundId, item, onAnswered }: AnswerFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  // The run the feedback was filed against tells the indicator's points and maximum.
  const result = useUnitResult(roundId, item.score_run_id, item.unit_code);
  const explanation = result.data?.explanations[item.indicator_code];
  const code = item.indicator_code;

  const save = useAnswerFeedback(roundId, item, { onSuccess: onAnswered });

  const finish = (values: Values) => {
    const chosen = values.decision ?? 'rejected';
    save.mutate({
      decision: chosen,
      reason: (values.reason ?? '').trim(),
      ...(chosen === 'accepted' && values.points ? { points: values.points } : {}),
    });
  };

  return (
    <section
      aria-label={t('feedback.answerLabel', { unit: item.unit_code, code })}
      className="feedback-answer"
    >
      <Typography.Text strong>{t('feedback.answerTitle')}</Typography.Text>
      {explanation ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('feedback.currentPoints', {
            points: formatPoints(explanation.points, language),
            max: formatPoints(explanation.max_points, language),
          })}
        </Typography.Paragraph>
      ) : null}
      <Form<Values> form={form} name={`answer-${item.id}`} layout="vertical" onFinish={finish}>
        <Form.Item
          name="decision"
          label={t('feedback.decision')}
          rules={[{ required: true, message: t('feedback.decisionRequired') }]}
        >
          <Radio.Group
            aria-label={t('feedback.decisionFor', { unit: item.unit_code, code })}
            options={[
              { value: 'accepted', label: t('feedback.decisions.accepted') },
              { value: 'rejected', label: t('feedback.decisions.rejected') },
            ]}
          />
        </Form.Item>
        {decision === 'accepted' ? (
          <Form.Item
            name="points"
            label={
              explanation
                ? t('feedback.newPoints', { max: formatPoints(explanation.max_points, language) })
                : t('feedback.newPointsNoMax')
            }
            rules={[{ required: true, message: t('feedback.pointsRequired') }]}
          >
            <InputNumber<string>
              stringMode
              min="0"
              {...(explanation ? { max: explanation.max_points } : {})}
              step="0.5"
              decimalSeparator={language === 'vi' ? ',' : '.'}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t('feedback.reason')}
          rules={[{ required: true, whitespace: true, message: t('feedback.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        {save.isError ? <ProblemAlert error={save.error} className="form-alert" /> : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('feedback.sendAnswer')}
        </Button>
      </Form>
    </section>
  );
}
