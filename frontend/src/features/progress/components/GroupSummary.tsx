import { Card, Flex, Progress, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { components } from '@/api/schema';
import { useLanguage } from '@/i18n';

import { formatPercentNumber, percentValue } from '../percent';

type GroupProgress = components['schemas']['GroupProgress'];

interface Bar {
  key: string;
  label: string;
  percent: number;
  text: string;
  color?: string;
}

interface GroupSummaryProps {
  groups: readonly GroupProgress[];
  /** The group's name in the screen's language (its code when unknown). */
  groupName: (code: string) => string;
}

/** Per ranking group: how many units submitted, were accepted, are overdue, and answered on average. */
export function GroupSummary({ groups, groupName }: GroupSummaryProps) {
  const { t } = useTranslation();
  const language = useLanguage();

  const share = (count: number, total: number) => (total > 0 ? (count / total) * 100 : 0);

  return (
    <section aria-labelledby="progress-groups-heading">
      <Typography.Title level={2} id="progress-groups-heading" className="card-heading">
        {t('progress.byGroup')}
      </Typography.Title>
      <Flex wrap gap="middle" style={{ marginTop: 12 }}>
        {groups.map((group) => {
          const name = groupName(group.group);
          const answered = t('progress.percent', {
            value: formatPercentNumber(group.answered_pct, language),
          });
          const of = (value: number) => t('progress.fraction', { value, total: group.units });
          const bars: Bar[] = [
            {
              key: 'submitted',
              label: t('progress.submittedUnits'),
              percent: share(group.submitted, group.units),
              text: of(group.submitted),
            },
            {
              key: 'accepted',
              label: t('progress.acceptedUnits'),
              percent: share(group.accepted, group.units),
              text: of(group.accepted),
              color: '#237804',
            },
            {
              key: 'overdue',
              label: t('progress.overdueUnits'),
              percent: share(group.overdue, group.units),
              text: of(group.overdue),
              color: '#cf1322',
            },
            {
              key: 'answered',
              label: t('progress.answeredAverage'),
              percent: percentValue(group.answered_pct),
              text: answered,
            },
          ];
          return (
            <Card
              key={group.group}
              size="small"
              data-testid={`progress-group-${group.group}`}
              style={{ flex: '1 1 300px', maxWidth: 520 }}
              title={<h3 className="card-heading">{name}</h3>}
              extra={<Tag>{group.group}</Tag>}
            >
              <Flex gap="large" wrap>
                <Statistic title={t('progress.units')} value={group.units} />
                <Statistic title={t('progress.answeredAverage')} value={answered} />
              </Flex>
              <div style={{ marginTop: 12 }}>
                {bars.map((bar) => (
                  <div key={bar.key}>
                    <Typography.Text>{bar.label}</Typography.Text>
                    <Progress
                      size="small"
                      status="normal"
                      percent={bar.percent}
                      strokeColor={bar.color}
                      format={() => bar.text}
                      aria-label={t('progress.barLabel', { group: name, label: bar.label })}
                      aria-valuetext={bar.text}
                    />
                  </div>
                ))}
              </div>
            </Card>
          );
        })}
      </Flex>
    </section>
  );
}
