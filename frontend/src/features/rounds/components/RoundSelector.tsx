import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { localized, useLanguage } from '@/i18n';

import { useSelectedRound } from '../selected-round';

import { RoundTags } from './RoundTags';

/** The header's round picker (practice rounds apart), with the chosen round's tags. */
export function RoundSelector() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { round, rounds, isPending, select } = useSelectedRound();
  const option = (candidate: Round) => ({
    value: candidate.id,
    label: t('rounds.option', {
      year: candidate.year,
      title: localized(language, candidate.title_vi, candidate.title_en),
    }),
  });
  // Practice rounds apart, under their own heading, after the real ones.
  const real = rounds.filter((candidate) => !candidate.is_practice);
  const practice = rounds.filter((candidate) => candidate.is_practice);
  return (
    <Space size="small" wrap className="round-selector">
      <Select<number>
        aria-label={t('rounds.label')}
        className="round-select"
        popupMatchSelectWidth={false}
        loading={isPending}
        placeholder={isPending ? t('app.loading') : t('rounds.placeholder')}
        notFoundContent={t('rounds.none')}
        value={round?.id}
        onChange={select}
        options={
          practice.length > 0
            ? [
                { label: t('practice.selectorReal'), options: real.map(option) },
                { label: t('practice.selectorGroup'), options: practice.map(option) },
              ]
            : real.map(option)
        }
      />
      <RoundTags round={round} />
    </Space>
  );
}
