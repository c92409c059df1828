import { Alert, Button, Form, InputNumber, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

import type { Stability, StabilityGroup, StabilityParams, StabilityUnit } from '../api/whatif';
import { SAMPLES_MAX, SEED_MAX, SPREAD_MAX } from '../scenario';

import { IntervalChart } from './IntervalChart';

export interface StabilityValues {
  spread_percent: number;
  samples: number;
  seed: number;
}

export function paramsOf(values: StabilityValues): StabilityParams {
  return { spread_percent: values.spread_percent, samples: values.samples, seed: values.seed };
}

function GroupStabilityView({ group }: { group: StabilityGroup }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = `${group.code} – ${localized(language, group.name_vi, group.name_en)}`;
  const columns: TableColumnsType<StabilityUnit> = [
    {
      key: 'rank',
      title: t('whatIf.rank'),
      width: 80,
      align: 'center',
      render: (_, unit) => unit.rank ?? '–',
      sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
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
      key: 'median',
      title: t('whatIf.median'),
      width: 120,
      align: 'center',
      render: (_, unit) => formatPoints(unit.median_rank, language),
      sorter: (a, b) => Number(a.median_rank) - Number(b.median_rank),
    },
    {
      key: 'interval',
      title: t('whatIf.interval'),
      width: 130,
      align: 'center',
      render: (_, unit) => t('whatIf.range', { from: unit.low_rank, to: unit.high_rank }),
      sorter: (a, b) => a.high_rank - a.low_rank - (b.high_rank - b.low_rank),
    },
    {
      key: 'best-worst',
      title: t('whatIf.bestWorst'),
      width: 140,
      align: 'center',
      render: (_, unit) => t('whatIf.range', { from: unit.best_rank, to: unit.worst_rank }),
    },
  ];
  return (
    <section aria-label={t('whatIf.stabilityLabel', { group: name })}>
      <Typography.Title level={2} className="whatif-heading">
        {name}
      </Typography.Title>
      <Table<StabilityUnit>
        size="middle"
        rowKey="unit_code"
        columns={columns}
        dataSource={group.units}
        pagination={false}
        scroll={{ x: 640 }}
        aria-label={t('whatIf.stabilityLabel', { group: name })}
        locale={{ emptyText: t('whatIf.noUnits') }}
      />
      <IntervalChart
        ariaLabel={t('whatIf.chartLabel', { group: name })}
        names={{
          axis: t('whatIf.chartRank'),
          base: t('whatIf.chartCurrent'),
          interval: t('whatIf.chartInterval'),
        }}
        rows={group.units.map((unit) => ({
          label: localized(language, unit.unit_name_vi, unit.unit_name_en),
          rank: unit.rank ?? null,
          best: unit.best_rank,
          low: unit.low_rank,
          median: Number(unit.median_rank),
          high: unit.high_rank,
          worst: unit.worst_rank,
        }))}
      />
    </section>
  );
}

interface StabilityPanelProps {
  values: StabilityValues;
  onValuesChange: (values: StabilityValues) => void;
  onRun: () => void;
  pending: boolean;
  /** The scenario changed since these figures were computed. */
  stale: boolean;
  error: unknown;
  data: Stability | undefined;
}

/** Rank stability: the parameters, then each group's median ranks with their intervals. */
export function StabilityPanel({
  values,
  onValuesChange,
  onRun,
  pending,
  stale,
  error,
  data,
}: StabilityPanelProps) {
  const { t } = useTranslation();
  const set = (key: keyof StabilityValues, value: number | null) => {
    if (value !== null) onValuesChange({ ...values, [key]: value });
  };
  return (
    <>
      <Typography.Paragraph>{t('whatIf.stabilityIntro')}</Typography.Paragraph>
      <Form layout="inline" className="whatif-section" onFinish={onRun}>
        <Form.Item label={t('whatIf.spread')} htmlFor="whatif-spread">
          <InputNumber<number>
            id="whatif-spread"
            min={0}
            max={SPREAD_MAX}
            value={values.spread_percent}
            onChange={(value) => set('spread_percent', value)}
          />
        </Form.Item>
        <Form.Item label={t('whatIf.samples')} htmlFor="whatif-samples">
          <InputNumber<number>
            id="whatif-samples"
            min={1}
            max={SAMPLES_MAX}
            precision={0}
            value={values.samples}
            onChange={(value) => set('samples', value)}
          />
        </Form.Item>
        <Form.Item label={t('whatIf.seed')} htmlFor="whatif-seed">
          <InputNumber<number>
            id="whatif-seed"
            min={0}
            max={SEED_MAX}
            precision={0}
            value={values.seed}
            onChange={(value) => set('seed', value)}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={pending}>
            {t('whatIf.runStability')}
          </Button>
        </Form.Item>
      </Form>
      {error ? <ProblemAlert error={error} className="whatif-section" /> : null}
      {stale ? (
        <Alert
          className="whatif-section"
          type="warning"
          showIcon
          title={t('whatIf.stabilityStale')}
        />
      ) : null}
      {data ? (
        <>
          <Typography.Paragraph>
            {t('whatIf.stabilityParams', {
              spread: data.spread_percent,
              samples: data.samples,
              seed: data.seed,
              time: formatDateTime(data.computed_at),
            })}
          </Typography.Paragraph>
          {data.groups.map((group) => (
            <GroupStabilityView key={group.code} group={group} />
          ))}
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('whatIf.stabilityNotRun')}</Typography.Paragraph>
      )}
    </>
  );
}
