import { Descriptions, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Criterion, DataElement, Guidance } from '@/api/types';
import type { Language } from '@/i18n';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { describeRule } from '../rules';
import type { OptionLabel } from '../rules';
import { ruleKindLabel } from '../rules';

const GUIDANCE_FIELDS = [
  ['method', 'frameworks.method'],
  ['evidence', 'frameworks.evidence'],
  ['data_source', 'frameworks.dataSource'],
  ['verified_by', 'frameworks.verifiedBy'],
] as const;

function guidanceText(
  guidance: Guidance,
  field: (typeof GUIDANCE_FIELDS)[number][0],
  language: Language,
) {
  return localized(language, guidance[`${field}_vi`], guidance[`${field}_en`]);
}

interface CriterionDetailsProps {
  criterion: Criterion;
  /** The framework's data elements by code, for their names and option labels (may be empty). */
  elements: ReadonlyMap<string, DataElement>;
}

/** Everything about one criterion: where it applies, how it is scored, and its guidance. */
export function CriterionDetails({ criterion, elements }: CriterionDetailsProps) {
  const { t } = useTranslation();
  const language = useLanguage();

  // A choice rule names its input; the input's data element holds the options' labels.
  const ruleInput = 'input' in criterion.rule ? criterion.rule.input : undefined;
  const choiceElement = elements.get(
    criterion.inputs.find((input) => input.name === ruleInput)?.element_code ?? '',
  );
  const optionLabel: OptionLabel = (value) => {
    const option = choiceElement?.options?.find((candidate) => candidate.value === value);
    return option ? localized(language, option.label_vi, option.label_en) : undefined;
  };

  const items: DescriptionsProps['items'] = [
    {
      key: 'groups',
      label: t('frameworks.appliesTo'),
      children: criterion.groups.map((group) => (
        <Tag key={group}>
          {group}: {formatPoints(criterion.max_points_by_group[group] ?? '0', language)}
        </Tag>
      )),
    },
    {
      key: 'rule',
      label: t('frameworks.rule'),
      children: (
        <>
          <Typography.Text strong>{ruleKindLabel(criterion.rule.kind, t)}</Typography.Text>
          {describeRule(criterion.rule, t, language, optionLabel).map((line) => (
            <Typography.Paragraph key={line} className="rule-line">
              {line}
            </Typography.Paragraph>
          ))}
        </>
      ),
    },
  ];
  if (criterion.weight !== '1') {
    items.push({
      key: 'weight',
      label: t('frameworks.weight'),
      children: formatPoints(criterion.weight, language),
    });
  }
  if (criterion.inputs.length > 0) {
    items.push({
      key: 'inputs',
      label: t('frameworks.inputs'),
      children: (
        <ul className="plain-list">
          {criterion.inputs.map((input) => {
            const element = elements.get(input.element_code);
            return (
              <li key={input.name}>
                <span className="element-code">{input.element_code}</span>
                {element ? ` ${localized(language, element.name_vi, element.name_en)}` : ''} (
                {t(`valueTypes.${input.value_type}`)}; {t(`sources.${input.source}`)}
                {input.provider_code ? `: ${input.provider_code}` : ''})
              </li>
            );
          })}
        </ul>
      ),
    });
  }
  if (criterion.is_leaf) {
    items.push({
      key: 'evidence_required',
      label: t('frameworks.evidenceRequired'),
      children: criterion.evidence_required ? t('common.yes') : t('common.no'),
    });
  }
  const guidance = GUIDANCE_FIELDS.map(([field, label]) => ({
    key: field,
    label: t(label),
    children: guidanceText(criterion.guidance, field, language),
  })).filter((item) => item.children !== '');

  return (
    <>
      <Descriptions column={1} bordered size="small" items={items} />
      <Typography.Title level={3} className="guidance-heading">
        {t('frameworks.guidance')}
      </Typography.Title>
      {guidance.length > 0 ? (
        <Descriptions column={1} bordered size="small" items={guidance} />
      ) : (
        <Typography.Paragraph>{t('frameworks.noGuidance')}</Typography.Paragraph>
      )}
    </>
  );
}
