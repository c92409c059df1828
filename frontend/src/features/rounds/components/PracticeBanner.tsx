import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { localized, useLanguage } from '@/i18n';

interface PracticeBannerProps {
  /** The round the page shows; the banner appears only for a practice round. */
  round: Round | undefined;
  /** Every round known, to name the one a practice round copies. */
  rounds: readonly Round[];
}

/**
 * «Vòng tập huấn — dữ liệu không được công bố»: across the top of every page that shows a practice
 * round, so nobody takes its figures for the real round's.
 */
export function PracticeBanner({ round, rounds }: PracticeBannerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!round?.is_practice) return null;
  const original = rounds.find((candidate) => candidate.id === round.practice_of_id);
  const title = localized(language, round.title_vi, round.title_en);
  return (
    <Alert
      className="practice-banner"
      data-testid="practice-banner"
      type="warning"
      showIcon
      banner
      title={t('practice.banner')}
      description={
        original
          ? t('practice.bannerDetail', {
              title,
              of: localized(language, original.title_vi, original.title_en),
            })
          : t('practice.bannerDetailAlone', { title })
      }
    />
  );
}
