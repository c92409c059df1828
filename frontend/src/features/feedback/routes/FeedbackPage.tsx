import { Alert, App, Card, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useSelectedRound } from '@/features/rounds';
import { useUnits } from '@/features/units';
import { localized, useLanguage } from '@/i18n';

import { FEEDBACK_STATUSES, useRoundFeedback } from '../api/feedback';
import type { FeedbackItem, FeedbackStatus } from '../api/feedback';
import { FeedbackCard } from '../components/FeedbackCard';
import { RunsCard } from '../components/RunsCard';

type Filter = FeedbackStatus | 'all';

/**
 * Giải trình của đơn vị (DIC): the score runs (preliminary, shared with the units; final, once
 * every feedback is answered) and every unit's feedback, each answered in place.
 */
export default function FeedbackPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const { round } = useSelectedRound();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useRoundFeedback(round?.id, filter === 'all' ? undefined : filter);
  const units = useUnits({ offset: 0, limit: 500 });

  const title = t('feedback.dicTitle');
  if (!round) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Alert type="info" showIcon title={t('rounds.none')} />
      </>
    );
  }
  const unitNames = new Map(
    (units.data?.items ?? []).map((unit) => [
      unit.code,
      localized(language, unit.name_vi, unit.name_en),
    ]),
  );
  const answered = (item: FeedbackItem) => {
    void message.success(
      t('feedback.answered', { unit: item.unit_code, code: item.indicator_code }),
    );
  };
  const items = list.data ?? [];

  return (
    <>
      <PageTitle description={t('feedback.dicIntro')}>{title}</PageTitle>
      <Flex vertical gap="large">
        <RunsCard roundId={round.id} />
        <Card
          title={<h2 className="card-heading">{t('feedback.dicListTitle')}</h2>}
          extra={
            <Segmented<Filter>
              aria-label={t('feedback.statusFilter')}
              value={filter}
              onChange={setFilter}
              options={[
                ...FEEDBACK_STATUSES.map((value) => ({
                  value,
                  label: t(`feedback.filters.${value}`),
                })),
                { value: 'all' as const, label: t('feedback.filters.all') },
              ]}
            />
          }
        >
          {list.isError ? (
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : null}
          <Spin spinning={list.isFetching}>
            {list.data ? (
              <Typography.Paragraph type="secondary" role="status">
                {t('feedback.count', { count: items.length })}
              </Typography.Paragraph>
            ) : null}
            {items.length === 0 && list.data ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <Typography.Text type="secondary">{t('feedback.emptyList')}</Typography.Text>
                }
              />
            ) : null}
            <Flex vertical gap="middle">
              {items.map((item) => (
                <FeedbackCard
                  key={item.id}
                  roundId={round.id}
                  item={item}
                  unitName={unitNames.get(item.unit_code)}
                  onAnswered={() => answered(item)}
                />
              ))}
            </Flex>
          </Spin>
        </Card>
      </Flex>
    </>
  );
}
