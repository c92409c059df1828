import { Card, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { LevelBadge } from '@/features/levels';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

import type { UnitResult } from '../api/feedback';

/** The unit's total in the run: points of the maximum, index, and rank in its group. */
export function UnitTotalCard({ result, published }: { result: UnitResult; published: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { total } = result;
  return (
    <Card
      title={
        <h2 className="card-heading">{t('feedback.totalTitle', { unit: result.unit_name_vi })}</h2>
      }
    >
      <Flex wrap gap="large">
        <Statistic
          title={t('feedback.totalPoints')}
          value={t('feedback.pointsOfMax', {
            points: formatPoints(total.points, language),
            max: formatPoints(total.max_points, language),
          })}
        />
        <Statistic title={t('feedback.index')} value={formatPoints(total.index, language)} />
        <Statistic
          title={t('feedback.rank', { group: result.group })}
          value={total.rank === null ? '—' : String(total.rank)}
        />
        {result.level ? (
          <Statistic
            title={t('levels.level')}
            value={result.level.code}
            formatter={() => <LevelBadge level={result.level} />}
          />
        ) : null}
      </Flex>
      {result.level ? (
        <Typography.Paragraph className="level-explanation" data-testid="level-explanation">
          {localized(language, result.level.explanation_vi, result.level.explanation_en)}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t(published ? 'feedback.publishedRunAt' : 'feedback.runAt', {
          time: formatDateTime(result.run.created_at),
        })}
      </Typography.Paragraph>
    </Card>
  );
}
