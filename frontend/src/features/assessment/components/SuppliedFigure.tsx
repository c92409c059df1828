import { LockOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { DataElement, InputState } from '@/api/types';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

interface SuppliedFigureProps {
  label: string;
  value: unknown;
  state: InputState;
  element: DataElement | undefined;
  /** The supplying agency's name, when known. */
  providerName: string | undefined;
}

function display(
  value: unknown,
  element: DataElement | undefined,
  language: 'vi' | 'en',
  yesNo: [string, string],
) {
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  if (element?.value_type === 'choice') {
    const option = element.options?.find((candidate) => candidate.value === value);
    if (option) return localized(language, option.label_vi, option.label_en);
  }
  const text =
    typeof value === 'number' || typeof value === 'string' ? String(value) : JSON.stringify(value);
  if (element && ['integer', 'decimal', 'percent'].includes(element.value_type)) {
    const unit = element.value_type === 'percent' ? ' %' : element.unit ? ` ${element.unit}` : '';
    return `${formatPoints(text, language)}${unit}`;
  }
  return text;
}

/** A figure an agency supplies: read-only, marked with its source and when it arrived. */
export function SuppliedFigure({
  label,
  value,
  state,
  element,
  providerName,
}: SuppliedFigureProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const provider = state.provider_code
    ? providerName
      ? t('assessment.providerNamed', { name: providerName, code: state.provider_code })
      : state.provider_code
    : t(`sources.${state.source === 'reviewer' ? 'reviewer' : 'provider'}`);
  const missing = value === null || value === undefined;
  return (
    <div className="supplied-figure">
      <div className="supplied-label">{label}</div>
      <div className="supplied-value">
        <LockOutlined aria-hidden />{' '}
        {missing ? (
          <Typography.Text type="secondary">{t('assessment.noFigureYet')}</Typography.Text>
        ) : (
          <strong>{display(value, element, language, [t('common.yes'), t('common.no')])}</strong>
        )}
      </div>
      <Typography.Text type="secondary" className="supplied-source">
        {state.updated_at
          ? t('assessment.suppliedByAt', { provider, time: formatDateTime(state.updated_at) })
          : t('assessment.suppliedBy', { provider })}
      </Typography.Text>
    </div>
  );
}
