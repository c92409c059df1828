import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Assessment } from '@/api/types';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PillarIndicators } from '../values';

export interface PillarProgress extends PillarIndicators {
  answered: number;
  total: number;
}

interface ScoreCardProps {
  assessment: Assessment;
  pillars: readonly PillarProgress[];
  /** The head's submit button, or the note telling an editor who submits. */
  action: ReactNode;
}

/** The pillar's DOM id, for the links from the score card. */
export function pillarAnchor(code: string): string {
  return `pillar-${code}`;
}

/** The live score preview (total and per pillar) and how much is answered; stays in view. */
export function ScoreCard({ assessment, pillars, action }: ScoreCardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { preview } = assessment;
  const answered = pillars.reduce((sum, pillar) => sum + pillar.answered, 0);
  const total = pillars.reduce((sum, pillar) => sum + pillar.total, 0);
  const byCode = new Map(preview.pillars.map((node) => [node.code, node]));

  return (
    <Card
      size="small"
      className="score-card"
      title={<h2 className="card-heading">{t('assessment.preview')}</h2>}
    >
      <div className="score-total" aria-live="polite">
        <span className="score-total-points" data-testid="preview-total">
          {formatPoints(preview.points, language)}
        </span>
        <span className="score-total-max"> / {formatPoints(preview.max_points, language)}</span>
        <div className="score-index" data-testid="preview-index">
          {t('assessment.index', { index: formatPoints(preview.index, language) })}
        </div>
      </div>
      <div className="score-progress">
        <span id="overall-progress-label">{t('assessment.answeredOf', { answered, total })}</span>
        <Progress
          percent={total === 0 ? 100 : Math.round((answered / total) * 100)}
          size="small"
          aria-labelledby="overall-progress-label"
        />
      </div>
      <nav aria-label={t('assessment.pillarsNav')}>
        <ul className="score-pillars">
          {pillars.map(({ pillar, answered: done, total: count }) => {
            const node = byCode.get(pillar.code);
            return (
              <li key={pillar.code}>
                <a href={`#${pillarAnchor(pillar.code)}`} className="score-pillar-name">
                  {pillar.code}. {localized(language, pillar.name_vi, pillar.name_en)}
                </a>
                <span className="score-pillar-points" data-testid={`pillar-points-${pillar.code}`}>
                  {node
                    ? `${formatPoints(node.points, language)} / ${formatPoints(node.max_points, language)}`
                    : ''}
                </span>
                <span className="score-pillar-progress">
                  {count > 0 ? (
                    t('assessment.answeredShort', { answered: done, total: count })
                  ) : (
                    <span title={t('assessment.suppliedShort')}>
                      <LockOutlined aria-hidden />
                      <span className="sr-only">{t('assessment.suppliedShort')}</span>
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </nav>
      {assessment.editable && assessment.missing.length > 0 ? (
        <Typography.Paragraph className="score-missing">
          {t('assessment.missingCount', { count: assessment.missing.length })}
        </Typography.Paragraph>
      ) : null}
      <div className="score-action">{action}</div>
      <Typography.Paragraph type="secondary" className="score-hint">
        {t('assessment.previewHint')}
      </Typography.Paragraph>
    </Card>
  );
}

export function SubmitButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" block icon={<SendOutlined aria-hidden />} onClick={onClick}>
      {t('assessment.submit')}
    </Button>
  );
}
