import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { CITY_WIDE_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { DemoDataTag, useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime } from '@/lib/format';

/** The overview: who is signed in and the round they are working in. */
export default function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const me = useMe();
  const { round, isPending, error } = useSelectedRound();

  const account: DescriptionsProps['items'] = me.data
    ? [
        {
          key: 'roles',
          label: t('home.roles'),
          children: me.data.roles.map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>),
        },
        ...(me.data.unit_code
          ? [
              {
                key: 'unit',
                label: t('home.unit'),
                children: `${me.data.unit_code}${me.data.unit_name_vi ? ` – ${me.data.unit_name_vi}` : ''}`,
              },
            ]
          : []),
      ]
    : [];

  const roundItems: DescriptionsProps['items'] = round
    ? [
        { key: 'year', label: t('home.year'), children: round.year },
        { key: 'phase', label: t('home.phase'), children: t(`phases.${round.phase}`) },
        { key: 'framework', label: t('home.framework'), children: round.framework_code },
        { key: 'groups', label: t('home.groups'), children: round.groups.join(', ') },
        { key: 'units', label: t('home.unitCount'), children: round.unit_count },
        { key: 'updated', label: t('home.updated'), children: formatDateTime(round.updated_at) },
      ]
    : [];

  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      {me.isError ? <ProblemAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      <Flex vertical gap="large">
        <Card
          title={
            <h2 className="card-heading">
              {t('home.welcome', { name: me.data?.full_name ?? '' })}
            </h2>
          }
          loading={me.isPending}
        >
          <Descriptions column={1} items={account} />
        </Card>
        <Card
          title={<h2 className="card-heading">{t('home.currentRound')}</h2>}
          loading={isPending}
          extra={round?.is_demo ? <DemoDataTag /> : null}
        >
          {error ? <ProblemAlert error={error} /> : null}
          {round ? (
            <>
              <Typography.Paragraph strong>
                {localized(language, round.title_vi, round.title_en)}
              </Typography.Paragraph>
              <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={roundItems} />
            </>
          ) : (
            !isPending && <Typography.Paragraph>{t('rounds.none')}</Typography.Paragraph>
          )}
          <Space wrap className="card-actions">
            <Button type="primary" onClick={() => void navigate(PATHS.frameworks)}>
              {t('home.openFramework')}
            </Button>
            {hasAnyRole(me.data, CITY_WIDE_ROLES) ? (
              <Button onClick={() => void navigate(PATHS.units)}>{t('home.openUnits')}</Button>
            ) : null}
          </Space>
        </Card>
      </Flex>
    </>
  );
}
