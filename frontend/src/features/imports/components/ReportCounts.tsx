import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ImportReport } from '@/api/types';

/** A report's counts: rows received, values that change, values already equal. */
export function ReportCounts({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const willApply = report.dry_run;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 3 }}
      items={[
        { key: 'received', label: t('imports.received'), children: report.counts.received },
        {
          key: 'applied',
          label: t(willApply ? 'imports.willApply' : 'imports.applied'),
          children: report.counts.applied,
        },
        { key: 'unchanged', label: t('imports.unchanged'), children: report.counts.unchanged },
      ]}
    />
  );
}
