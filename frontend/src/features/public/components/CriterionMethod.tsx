import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Criterion, CriterionInput } from '@/api/types';
import { describeRule, ruleKindLabel } from '@/features/frameworks';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicMethodology } from '../api/public';
import { maxPointsByGroup } from '../criteria';

interface CriterionMethodProps {
  criterion: Criterion;
  methodology: PublicMethodology;
  /** Heading level of this criterion (pillars are 2). */
  level: 3 | 4;
}

/** One indicator (or an inner criterion and its indicators): points, groups, rule, inputs, method. */
export function CriterionMethod({ criterion, methodology, level }: CriterionMethodProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const Heading = level === 3 ? 'h3' : 'h4';
  const groupName = (code: string) => {
    const group = methodology.groups.find((candidate) => candidate.code === code);
    return group ? localized(language, group.name_vi, group.name_en) : code;
  };
  const method = localized(language, criterion.guidance.method_vi, criterion.guidance.method_en);

  const source = (input: CriterionInput) => {
    if (input.source === 'self') return t('public.sourceSelf');
    if (input.source === 'reviewer') return t('public.sourceReviewer');
    const code = input.provider_code ?? '';
    const provider = methodology.providers[code];
    return provider
      ? localized(language, provider.name_vi, provider.name_en)
      : code || t('public.sourceProvider');
  };
  const element = (code: string) =>
    methodology.elements.find((candidate) => candidate.code === code);
  // A choice rule names its options by the labels of the element it reads.
  const optionLabel = (option: string) => {
    for (const input of criterion.inputs) {
      const found = element(input.element_code)?.options?.find(
        (candidate) => candidate.value === option,
      );
      if (found) return localized(language, found.label_vi, found.label_en);
    }
    return undefined;
  };

  return (
    <article className="method-criterion" data-testid={`criterion-${criterion.code}`}>
      <Heading className="method-criterion-title">
        <span className="criterion-code">{criterion.code}</span>{' '}
        {localized(language, criterion.name_vi, criterion.name_en)}
      </Heading>
      <dl className="method-facts">
        <dt>{t('public.maxPoints')}</dt>
        <dd>
          <MaxPoints criterion={criterion} groupName={groupName} />
        </dd>
        <dt>{t('public.appliesTo')}</dt>
        <dd>{criterion.groups.map(groupName).join('; ')}</dd>
        <dt>{t('public.rule')}</dt>
        <dd>
          <strong>{ruleKindLabel(criterion.rule.kind, t)}.</strong>{' '}
          {describeRule(criterion.rule, t, language, optionLabel).join(' ')}
        </dd>
        {criterion.inputs.length > 0 ? (
          <>
            <dt>{t('public.inputs')}</dt>
            <dd>
              <ul className="plain-list">
                {criterion.inputs.map((input) => (
                  <li key={input.name}>
                    <ElementName code={input.element_code} element={element(input.element_code)} />{' '}
                    ({t(`valueTypes.${input.value_type}`)}){' – '}
                    {t('public.suppliedBy', { source: source(input) })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {method ? (
          <>
            <dt>{t('public.method')}</dt>
            <dd>
              <Typography.Paragraph className="method-text">{method}</Typography.Paragraph>
            </dd>
          </>
        ) : null}
      </dl>
      {criterion.children.map((child) => (
        <CriterionMethod key={child.code} criterion={child} methodology={methodology} level={4} />
      ))}
    </article>
  );
}

/** "20" when every group has the same maximum, else "Sở, ban, ngành: 25; …: 20". */
export function MaxPoints({
  criterion,
  groupName,
}: {
  criterion: Criterion;
  groupName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const max = maxPointsByGroup(criterion);
  if ('same' in max)
    return <>{t('public.pointsValue', { points: formatPoints(max.same, language) })}</>;
  return (
    <>
      {max.byGroup
        .map(
          ([group, points]) =>
            `${groupName(group)}: ${t('public.pointsValue', { points: formatPoints(points, language) })}`,
        )
        .join('; ')}
    </>
  );
}

/** A data element by its name, with its code for reference. */
function ElementName({
  code,
  element,
}: {
  code: string;
  element: PublicMethodology['elements'][number] | undefined;
}) {
  const language = useLanguage();
  if (!element) return <span className="element-code">{code}</span>;
  return (
    <>
      {localized(language, element.name_vi, element.name_en)}{' '}
      <span className="element-code">[{code}]</span>
    </>
  );
}
