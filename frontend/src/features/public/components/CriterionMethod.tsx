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
    return methodology.providers[code] ?? (code || t('public.sourceProvider'));
  };

  return (
    <article className="method-criterion" data-testid={`criterion-${criterion.code}`}>
      <Heading className="method-criterion-title">
        <span className="criterion-code">{criterion.code}</span> {localized(language, criterion.name_vi, criterion.name_en)}
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
          {describeRule(criterion.rule, t, language).join(' ')}
        </dd>
        {criterion.inputs.length > 0 ? (
          <>
            <dt>{t('public.inputs')}</dt>
            <dd>
              <ul className="plain-list">
                {criterion.inputs.map((input) => (
                  <li key={input.name}>
                    <span className="element-code">{input.element_code}</span> ({t(`valueTypes.${input.value_type}`)})
                    {' – '}
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
export function MaxPoints({ criterion, groupName }: { criterion: Criterion; groupName: (code: string) => string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const max = maxPointsByGroup(criterion);
  if ('same' in max) return <>{t('public.pointsValue', { points: formatPoints(max.same, language) })}</>;
  return (
    <>
      {max.byGroup
        .map(([group, points]) => `${groupName(group)}: ${t('public.pointsValue', { points: formatPoints(points, language) })}`)
        .join('; ')}
    </>
  );
}
