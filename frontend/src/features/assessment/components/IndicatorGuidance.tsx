import { useTranslation } from 'react-i18next';

import type { Guidance } from '@/api/types';
import { localized, useLanguage } from '@/i18n';

const FIELDS = [
  ['method', 'assessment.guidanceMethod'],
  ['evidence', 'assessment.guidanceEvidence'],
  ['data_source', 'assessment.guidanceSource'],
  ['verified_by', 'assessment.guidanceVerifiedBy'],
] as const;

/** How the indicator is determined, what evidence proves it, who supplies and who verifies it. */
export function IndicatorGuidance({ guidance }: { guidance: Guidance }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = FIELDS.map(([field, label]) => ({
    label: t(label),
    text: localized(language, guidance[`${field}_vi`], guidance[`${field}_en`]),
  })).filter((row) => row.text !== '');
  if (rows.length === 0) return null;
  return (
    <details className="indicator-guidance">
      <summary>{t('assessment.guidance')}</summary>
      <dl>
        {rows.map((row) => (
          <div key={row.label} className="guidance-row">
            <dt>{row.label}</dt>
            <dd>{row.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
