import { Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';

import type { DataElement, ValueType } from '@/api/types';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { InputText } from '../values';

export interface AnswerInputProps {
  id: string;
  type: ValueType;
  value: InputText;
  /** The data element: the options of a choice, the unit of a number. */
  element: DataElement | undefined;
  /** A choice rule's points per option, shown beside each option. */
  optionPoints?: Readonly<Record<string, string>> | undefined;
  disabled: boolean;
  invalid: boolean;
  /** The id of the label (radio groups are named by it). */
  labelId: string;
  /** The id of the error or hint under the input. */
  describedBy?: string | undefined;
  /** A new value; `immediate` for a click, which needs no typing pause before saving. */
  onChange: (value: InputText, immediate: boolean) => void;
  onBlur: () => void;
}

/** The control suited to an input's type: yes/no, options, a count, a number, a date or text. */
export function AnswerInput({
  id,
  type,
  value,
  element,
  optionPoints,
  disabled,
  invalid,
  labelId,
  describedBy,
  onChange,
  onBlur,
}: AnswerInputProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const aria = {
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };

  if (type === 'boolean') {
    return (
      <Radio.Group
        id={id}
        aria-labelledby={labelId}
        {...aria}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange(event.target.value === true, true)}
        options={[
          { value: true, label: t('common.yes') },
          { value: false, label: t('common.no') },
        ]}
      />
    );
  }

  if (type === 'choice') {
    return (
      <Radio.Group
        id={id}
        orientation="vertical"
        aria-labelledby={labelId}
        {...aria}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange(String(event.target.value), true)}
        options={(element?.options ?? []).map((option) => {
          const points = optionPoints?.[option.value];
          const label = localized(language, option.label_vi, option.label_en);
          return {
            value: option.value,
            label:
              points === undefined
                ? label
                : t('assessment.optionWithPoints', {
                    label,
                    points: formatPoints(points, language),
                  }),
          };
        })}
      />
    );
  }

  if (type === 'text') {
    return (
      <Input.TextArea
        id={id}
        {...aria}
        disabled={disabled}
        autoSize={{ minRows: 2, maxRows: 8 }}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value, false)}
        onBlur={onBlur}
      />
    );
  }

  if (type === 'date') {
    return (
      <Input
        id={id}
        type="date"
        className="answer-number"
        {...aria}
        disabled={disabled}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value, false)}
        onBlur={onBlur}
      />
    );
  }

  const suffix = type === 'percent' ? '%' : (element?.unit ?? undefined);
  return (
    <Input
      id={id}
      className="answer-number"
      inputMode={type === 'integer' ? 'numeric' : 'decimal'}
      autoComplete="off"
      {...aria}
      status={invalid ? 'error' : undefined}
      disabled={disabled}
      suffix={suffix}
      placeholder={
        type === 'integer' ? t('assessment.countPlaceholder') : t('assessment.numberPlaceholder')
      }
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.target.value, false)}
      onBlur={onBlur}
    />
  );
}
