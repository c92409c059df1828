import { Card, Drawer, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { CriteriaTable, UnitTotalCard, useUnitResult } from '@/features/feedback';
import { PillarViewsTable } from '@/features/levels';

interface UnitResultDrawerProps {
  roundId: number;
  runId: number;
  /** The unit shown; none: the drawer is closed. */
  unit: { code: string; name: string } | null;
  onClose: () => void;
}

/** One unit's results in the run, down to how each indicator's points came about. */
export function UnitResultDrawer({ roundId, runId, unit, onClose }: UnitResultDrawerProps) {
  const { t } = useTranslation();
  const result = useUnitResult(roundId, runId, unit?.code);
  return (
    <Drawer
      open={unit !== null}
      onClose={onClose}
      size="large"
      title={unit ? t('rankings.unitTitle', { unit: unit.name, run: runId }) : ''}
      destroyOnHidden
    >
      {result.isError ? (
        <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />
      ) : !result.data ? (
        <Spin />
      ) : (
        <Flex vertical gap="middle">
          <UnitTotalCard result={result.data} published={false} />
          {result.data.pillar_views?.length ? (
            <Card title={<h3 className="card-heading">{t('levels.pillarViewsTitle')}</h3>}>
              <PillarViewsTable
                views={result.data.pillar_views}
                label={t('levels.pillarViewsLabel', { unit: result.data.unit_name_vi })}
              />
            </Card>
          ) : null}
          <Card title={<h3 className="card-heading">{t('feedback.criteriaTitle')}</h3>}>
            <CriteriaTable result={result.data} />
          </Card>
        </Flex>
      )}
    </Drawer>
  );
}
