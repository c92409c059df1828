import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useMe } from '@/features/auth';
import { RoundTags, useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime } from '@/lib/format';

import { useTodo } from '../api/todo';
import { TodoList } from '../components/TodoList';

/** The overview: what the signed-in user has to do, per role, and the round they work in. */
export default function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const todo = useTodo();
  const { round, isPending, error } = useSelectedRound();

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
          extra={
            me.data ? (
              <Flex wrap gap={4} aria-label={t('home.roles')} role="group">
                {me.data.roles.map((role) => (
                  <Tag key={role}>{t(`roles.${role}`)}</Tag>
                ))}
                {me.data.unit_code ? <Tag>{me.data.unit_code}</Tag> : null}
              </Flex>
            ) : null
          }
          loading={todo.isPending}
        >
          <Typography.Title level={3} className="card-heading" style={{ marginTop: 0 }}>
            {t('home.todo.title')}
          </Typography.Title>
          {todo.isError ? (
            <ProblemAlert error={todo.error} onRetry={() => void todo.refetch()} />
          ) : (
            <TodoList sections={todo.data?.sections ?? []} />
          )}
        </Card>
        <Card
          title={<h2 className="card-heading">{t('home.currentRound')}</h2>}
          loading={isPending}
          extra={<RoundTags round={round} />}
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
        </Card>
      </Flex>
    </>
  );
}
