import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import { useSelectedRound } from '../selected-round';

import { DemoDataTag } from './DemoDataTag';

/** The header's round picker, with the demo-data tag when the chosen round is a demo. */
export function RoundSelector() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { round, rounds, isPending, select } = useSelectedRound();
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
        options={rounds.map((candidate) => ({
          value: candidate.id,
          label: t('rounds.option', {
            year: candidate.year,
            title: localized(language, candidate.title_vi, candidate.title_en),
          }),
        }))}
      />
      {round?.is_demo ? <DemoDataTag /> : null}
    </Space>
  );
}
