import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import type { Round } from '@/api/types';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { roundCreatePath, roundSettingsPath } from '@/config/paths';
import { DemoDataTag, useRounds } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';

import { formatCity } from '../city-time';

/** «Thiết lập kỳ đánh giá»: every round with its phase, units, deadline and auto-advance switch. */
export default function RoundsAdminPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const rounds = useRounds();
  const navigate = useNavigate();

  const columns: TableProps<Round>['columns'] = [
    { key: 'year', title: t('adminRounds.list.year'), dataIndex: 'year', width: 90 },
    {
      key: 'title',
      title: t('adminRounds.list.title'),
      render: (_, round) => (
        <>
          {localized(language, round.title_vi, round.title_en)}{' '}
          {round.is_demo ? <DemoDataTag /> : null}
        </>
      ),
    },
    { key: 'framework', title: t('adminRounds.list.framework'), dataIndex: 'framework_code' },
    {
      key: 'phase',
      title: t('adminRounds.list.phase'),
      render: (_, round) => <Tag>{t(`phases.${round.phase}`)}</Tag>,
    },
    { key: 'units', title: t('adminRounds.list.units'), dataIndex: 'unit_count', width: 90 },
    {
      key: 'deadline',
      title: t('adminRounds.list.deadline'),
      render: (_, round) => formatCity(round.schedule.collecting?.ends_at) || '—',
    },
    {
      key: 'auto',
      title: t('adminRounds.list.autoAdvance'),
      render: (_, round) => (round.auto_advance ? t('common.yes') : t('common.no')),
      width: 130,
    },
    {
      key: 'actions',
      title: t('adminRounds.list.actions'),
      render: (_, round) => (
        <Link
          to={roundSettingsPath(round.id)}
          aria-label={t('adminRounds.list.settingsOf', {
            title: localized(language, round.title_vi, round.title_en),
          })}
        >
          <SettingOutlined aria-hidden /> {t('adminRounds.list.settings')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        description={t('adminRounds.list.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => void navigate(roundCreatePath())}
          >
            {t('adminRounds.list.create')}
          </Button>
        }
      >
        {t('adminRounds.list.heading')}
      </PageTitle>
      {rounds.isError ? (
        <ProblemAlert error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : (
        <Table<Round>
          rowKey="id"
          columns={columns}
          dataSource={rounds.data?.items ?? []}
          loading={rounds.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </>
  );
}
