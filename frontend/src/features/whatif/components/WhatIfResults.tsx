import { Alert, Card, Flex, Space, Statistic, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

import type { WhatIf, WhatIfGroup, WhatIfUnit } from '../api/whatif';

import { RankMoveTag } from './RankMoveTag';

const byNumber = (pick: (unit: WhatIfUnit) => number | string | null | undefined) => {
  return (a: WhatIfUnit, b: WhatIfUnit) => {
    const x = pick(a);
    const y = pick(b);
    return (
      (x === null || x === undefined ? Infinity : Number(x)) -
      (y === null || y === undefined ? Infinity : Number(y))
    );
  };
};

function GroupTable({ group, onlyMovers }: { group: WhatIfGroup; onlyMovers: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = `${group.code} – ${localized(language, group.name_vi, group.name_en)}`;
  const units = onlyMovers ? group.units.filter((unit) => unit.rank_change) : group.units;

  const columns: TableColumnsType<WhatIfUnit> = [
    {
      key: 'new-rank',
      title: t('whatIf.newRank'),
      width: 90,
      align: 'center',
      render: (_, unit) => unit.new.rank ?? '–',
      sorter: byNumber((unit) => unit.new.rank),
    },
    {
      key: 'unit',
      title: t('whatIf.unit'),
      render: (_, unit) => (
        <>
          {localized(language, unit.unit_name_vi, unit.unit_name_en)}{' '}
          <span className="whatif-unit-code">{unit.unit_code}</span>
        </>
      ),
      sorter: (a, b) => a.unit_code.localeCompare(b.unit_code),
    },
    {
      key: 'base-points',
      title: t('whatIf.basePoints'),
      width: 150,
      align: 'end',
      render: (_, unit) =>
        t('whatIf.pointsOfMax', {
          points: formatPoints(unit.base.points, language),
          max: formatPoints(unit.base.max_points, language),
        }),
      sorter: byNumber((unit) => unit.base.points),
    },
    {
      key: 'new-points',
      title: t('whatIf.newPoints'),
      width: 150,
      align: 'end',
      render: (_, unit) =>
        t('whatIf.pointsOfMax', {
          points: formatPoints(unit.new.points, language),
          max: formatPoints(unit.new.max_points, language),
        }),
      sorter: byNumber((unit) => unit.new.points),
    },
    {
      key: 'points-change',
      title: t('whatIf.pointsChange'),
      width: 120,
      align: 'end',
      render: (_, unit) => {
        const value = Number(unit.points_change);
        const text = formatPoints(unit.points_change, language);
        return value > 0 ? `+${text}` : text;
      },
      sorter: byNumber((unit) => unit.points_change),
    },
    {
      key: 'base-rank',
      title: t('whatIf.baseRank'),
      width: 110,
      align: 'center',
      render: (_, unit) => unit.base.rank ?? '–',
      sorter: byNumber((unit) => unit.base.rank),
    },
    {
      key: 'rank-change',
      title: t('whatIf.rankChange'),
      width: 120,
      align: 'center',
      render: (_, unit) => <RankMoveTag change={unit.rank_change} />,
      sorter: byNumber((unit) => (unit.rank_change === null ? null : -unit.rank_change)),
    },
  ];

  return (
    <section aria-label={t('whatIf.tableLabel', { group: name })}>
      <Typography.Title level={2} className="whatif-heading">
        {name}
      </Typography.Title>
      <Table<WhatIfUnit>
        size="middle"
        rowKey="unit_code"
        columns={columns}
        dataSource={units}
        pagination={false}
        scroll={{ x: 800 }}
        aria-label={t('whatIf.tableLabel', { group: name })}
        locale={{ emptyText: onlyMovers ? t('whatIf.noMoves') : t('whatIf.noUnits') }}
      />
    </section>
  );
}

/** The what-if's summary and, per group, each unit's points and rank before and after. */
export function WhatIfResults({ data }: { data: WhatIf }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [onlyMovers, setOnlyMovers] = useState(false);
  const switchId = useId();
  const { summary, scenario } = data;

  return (
    <>
      <Typography.Paragraph>
        {t('whatIf.comparing', {
          base: data.base_framework.code,
          scenario: scenario.framework.code,
          round: localized(language, data.round.title_vi, data.round.title_en),
        })}{' '}
        {t('whatIf.computedAt', { time: formatDateTime(data.computed_at) })}
      </Typography.Paragraph>
      {scenario.uncollected_elements.length > 0 ? (
        <Alert
          className="whatif-section"
          type="warning"
          showIcon
          title={t('whatIf.uncollected', {
            count: scenario.uncollected_elements.length,
            codes: scenario.uncollected_elements.join(', '),
          })}
        />
      ) : null}
      <section aria-label={t('whatIf.summary')} className="whatif-section">
        <Card size="small" title={t('whatIf.summary')}>
          <Flex wrap gap="large" align="flex-start">
            <Space size="large" wrap>
              <Statistic title={t('whatIf.units')} value={summary.units} />
              <Statistic title={t('whatIf.moved')} value={summary.moved} />
              <Statistic title={t('whatIf.up')} value={summary.up} />
              <Statistic title={t('whatIf.down')} value={summary.down} />
            </Space>
            <div>
              <Typography.Text strong>{t('whatIf.largest')}</Typography.Text>
              {summary.largest_moves.length > 0 ? (
                <ul className="whatif-moves">
                  {summary.largest_moves.map((move) => (
                    <li key={move.unit_code}>
                      {t('whatIf.moveLine', {
                        unit: localized(language, move.unit_name_vi, move.unit_name_en),
                        group: move.group,
                        from: move.base_rank ?? '–',
                        to: move.new_rank ?? '–',
                      })}{' '}
                      <RankMoveTag change={move.rank_change} />
                    </li>
                  ))}
                </ul>
              ) : (
                <Typography.Paragraph>{t('whatIf.noMoves')}</Typography.Paragraph>
              )}
            </div>
          </Flex>
        </Card>
      </section>
      <Space align="center">
        <Switch id={switchId} checked={onlyMovers} onChange={setOnlyMovers} />
        <label htmlFor={switchId}>{t('whatIf.onlyMovers')}</label>
      </Space>
      {data.groups.map((group) => (
        <GroupTable key={group.code} group={group} onlyMovers={onlyMovers} />
      ))}
    </>
  );
}
