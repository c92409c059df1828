import { PlusOutlined, ReadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import type { Round } from '@/api/types';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { roundCreatePath, roundSettingsPath } from '@/config/paths';
import { PUBLISHER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { CreatePracticeModal, PracticeActions } from '@/features/practice';
import { RoundTags, useRounds } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';

import { formatCity } from '../city-time';

/**
 * «Thiết lập kỳ đánh giá»: every round with its phase, units, deadline and auto-advance switch;
 * below them the practice rounds (vòng tập huấn). Approvers and admins create and set up rounds;
 * every DIC role makes a practice copy of a round, and resets or deletes practice rounds.
 */
export default function RoundsAdminPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const rounds = useRounds();
  const me = useMe();
  const navigate = useNavigate();
  const [copying, setCopying] = useState<Round | null>(null);
  const canSetUp = hasAnyRole(me.data, PUBLISHER_ROLES);
  const all = rounds.data?.items ?? [];
  const real = all.filter((round) => !round.is_practice);
  const practice = all.filter((round) => round.is_practice);
  const titleOf = (round: Round) => localized(language, round.title_vi, round.title_en);

  const common: NonNullable<TableProps<Round>['columns']> = [
    { key: 'year', title: t('adminRounds.list.year'), dataIndex: 'year', width: 90 },
    {
      key: 'title',
      title: t('adminRounds.list.title'),
      render: (_, round) => (
        <>
          {titleOf(round)} <RoundTags round={round} />
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
  ];

  const columns: TableProps<Round>['columns'] = [
    ...common,
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
        <Space size="middle" wrap>
          {canSetUp ? (
            <Link
              to={roundSettingsPath(round.id)}
              aria-label={t('adminRounds.list.settingsOf', { title: titleOf(round) })}
            >
              <SettingOutlined aria-hidden /> {t('adminRounds.list.settings')}
            </Link>
          ) : null}
          <Button
            size="small"
            icon={<ReadOutlined aria-hidden />}
            aria-label={t('practice.createOf', { title: titleOf(round) })}
            onClick={() => setCopying(round)}
          >
            {t('practice.create')}
          </Button>
        </Space>
      ),
    },
  ];

  const practiceColumns: TableProps<Round>['columns'] = [
    ...common,
    {
      key: 'of',
      title: t('practice.copyOf'),
      render: (_, round) => {
        const original = real.find((candidate) => candidate.id === round.practice_of_id);
        return original ? titleOf(original) : '—';
      },
    },
    {
      key: 'actions',
      title: t('adminRounds.list.actions'),
      render: (_, round) => <PracticeActions round={round} />,
    },
  ];

  return (
    <>
      <PageTitle
        description={t('adminRounds.list.intro')}
        extra={
          canSetUp ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => void navigate(roundCreatePath())}
            >
              {t('adminRounds.list.create')}
            </Button>
          ) : null
        }
      >
        {t('adminRounds.list.heading')}
      </PageTitle>
      {rounds.isError ? (
        <ProblemAlert error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : (
        <Flex vertical gap="large">
          <Table<Round>
            rowKey="id"
            columns={columns}
            dataSource={real}
            loading={rounds.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          <Card
            title={
              <h2 id="practice-rounds-heading" className="card-heading">
                {t('practice.heading')}
              </h2>
            }
            aria-labelledby="practice-rounds-heading"
            role="region"
          >
            <Typography.Paragraph type="secondary">{t('practice.intro')}</Typography.Paragraph>
            <Table<Round>
              rowKey="id"
              columns={practiceColumns}
              dataSource={practice}
              loading={rounds.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Typography.Text type="secondary">{t('practice.none')}</Typography.Text>,
              }}
            />
          </Card>
        </Flex>
      )}
      <CreatePracticeModal round={copying} onClose={() => setCopying(null)} />
    </>
  );
}
