import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import type { PublicRoundItem } from '../api/public';

interface PublicRoundSelectProps {
  rounds: readonly PublicRoundItem[];
  value: number | undefined;
  onChange: (roundId: number) => void;
  loading?: boolean;
}

/** The published rounds, newest first: "2023 – Đánh giá chỉ số CĐS năm 2023". */
export function PublicRoundSelect({ rounds, value, onChange, loading }: PublicRoundSelectProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Select<number>
      aria-label={t('public.roundLabel')}
      className="round-select public-round-select"
      popupMatchSelectWidth={false}
      loading={loading}
      placeholder={t('public.roundPlaceholder')}
      notFoundContent={t('public.noRounds')}
      value={value}
      onChange={onChange}
      options={rounds.map((round) => ({
        value: round.id,
        label: t('public.roundOption', {
          year: round.year,
          title: localized(language, round.title_vi, round.title_en),
        }),
      }))}
    />
  );
}
