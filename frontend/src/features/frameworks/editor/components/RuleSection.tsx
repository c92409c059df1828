import { Alert, Card, Flex, Form, Input, InputNumber, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import type { RulePreviewRequest } from '../api';
import { useRulePreview } from '../api';
import type { RuleDoc } from '../document';
import { exampleValues, isGroupRelative, ruleInputs } from '../rule-shapes';
import type { ChoiceOption, RuleErrors } from './RuleEditor';
import { RuleEditor } from './RuleEditor';

type Example = Record<string, string | boolean>;

/** The other units' values, as typed: "2; 10" or "2, 10" (a decimal comma needs the semicolon). */
export function parseOthers(text: string): string[] {
  const parts = text.includes(';') ? text.split(';') : text.split(',');
  return parts.map((part) => part.trim().replace(',', '.')).filter((part) => part !== '');
}

/** The example's request, or null while it cannot be asked (no max points yet). */
export function previewRequest(
  rule: RuleDoc,
  maxPoints: string,
  group: string,
  example: Example,
  others: string,
  reviewerPoints: string,
): RulePreviewRequest | null {
  if (rule.kind === 'sum_of_children' || maxPoints === '' || Number.isNaN(Number(maxPoints))) {
    return null;
  }
  const inputs: Record<string, string | boolean | null> = {};
  for (const input of ruleInputs(rule)) {
    const value = example[input.name];
    inputs[input.name] =
      value === undefined || value === '' ? null : typeof value === 'string' ? value.trim() : value;
  }
  const request: RulePreviewRequest = {
    rule,
    max_points: maxPoints,
    inputs,
    group,
    reviewer_reason: '—',
  };
  if (isGroupRelative(rule)) {
    const [input] = ruleInputs(rule);
    request.others = parseOthers(others).map((value) => ({ [input?.name ?? 'value']: value }));
  }
  if (rule.kind === 'manual' && reviewerPoints !== '') request.reviewer_points = reviewerPoints;
  return request;
}

/** Field errors of a 422 for the rule (relative to `rule.`) and for the example's values. */
function previewErrors(error: unknown): { rule: Record<string, string>; example: string[] } {
  const rule: Record<string, string> = {};
  const example: string[] = [];
  if (error instanceof ApiError && error.status === 422) {
    for (const problem of error.fieldErrors) {
      if (problem.field === 'rule' || problem.field.startsWith('rule.')) {
        rule[problem.field.replace(/^rule\.?/, '')] ??= problem.message;
      } else {
        example.push(problem.message);
      }
    }
  }
  return { rule, example };
}

interface RuleSectionProps {
  rule: RuleDoc;
  maxPoints: string;
  /** The group the example unit is in (the first the criterion applies to). */
  group: string;
  choiceOptions: readonly ChoiceOption[];
  onChange: (rule: RuleDoc) => void;
  /** Errors of the last save at this rule's fields. */
  savedErrors: RuleErrors;
  idPrefix: string;
}

/**
 * A rule's form and its worked example: the example values are scored by the engine (the rule
 * preview endpoint) as they are typed, and its answer doubles as the rule's live validation.
 */
export function RuleSection({
  rule,
  maxPoints,
  group,
  choiceOptions,
  onChange,
  savedErrors,
  idPrefix,
}: RuleSectionProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [example, setExample] = useState<Example>(() => exampleValues(rule));
  const [others, setOthers] = useState('2; 10');
  const [reviewerPoints, setReviewerPoints] = useState('');

  // A new kind reads other inputs: start its example afresh.
  const shape = `${rule.kind}:${ruleInputs(rule)
    .map((input) => input.name)
    .join(',')}`;
  const [exampleShape, setExampleShape] = useState(shape);
  if (shape !== exampleShape) {
    setExampleShape(shape);
    setExample(exampleValues(rule));
  }

  // A choice example names an option the table has (the first, once its option is gone).
  const shown = useMemo(() => {
    if (rule.kind !== 'choice') return example;
    const current = example[rule.input];
    if (typeof current === 'string' && current in rule.points) return example;
    return { ...example, [rule.input]: Object.keys(rule.points)[0] ?? '' };
  }, [rule, example]);
  const request = useMemo(
    () => previewRequest(rule, maxPoints, group, shown, others, reviewerPoints),
    [rule, maxPoints, group, shown, others, reviewerPoints],
  );
  const settled = useDebouncedValue(request, 300);
  const preview = useRulePreview(settled);
  const live = previewErrors(preview.error);
  const errors = preview.isError ? { ...savedErrors, ...live.rule } : savedErrors;

  const inputs = ruleInputs(rule);
  // The sentence names the values the engine was asked about (the request settles after typing).
  const asked = settled?.inputs ?? {};
  const shownValues = inputs
    .map((input) => {
      const value = asked[input.name];
      const text =
        typeof value === 'boolean'
          ? t(value ? 'frameworkEditor.example.yes' : 'frameworkEditor.example.no')
          : (choiceOptions.find((option) => option.value === value)?.label ?? value ?? '—');
      return inputs.length > 1 ? `${input.name} = ${text}` : text;
    })
    .join(', ');
  const result = preview.isError ? undefined : preview.data;

  return (
    <>
      <RuleEditor
        rule={rule}
        maxPoints={maxPoints}
        onChange={onChange}
        errors={errors}
        choiceOptions={choiceOptions}
        idPrefix={idPrefix}
      />
      {rule.kind === 'sum_of_children' ? null : (
        <Card
          size="small"
          className="worked-example"
          title={<h4 className="card-heading">{t('frameworkEditor.example.title')}</h4>}
        >
          <Form layout="vertical" component="div">
            <Flex gap="middle" wrap>
              {inputs.map((input) => {
                const id = `${idPrefix}-example-${input.name}`;
                const label = t('frameworkEditor.example.valueOf', { name: input.name });
                const value = shown[input.name];
                const set = (next: string | boolean) =>
                  setExample((previous) => ({ ...previous, [input.name]: next }));
                if (rule.kind === 'boolean') {
                  return (
                    <Form.Item key={input.name} label={label} htmlFor={id}>
                      <Select<string>
                        id={id}
                        style={{ width: 140 }}
                        value={value === false ? 'no' : 'yes'}
                        onChange={(next) => set(next === 'yes')}
                        options={[
                          { value: 'yes', label: t('frameworkEditor.example.yes') },
                          { value: 'no', label: t('frameworkEditor.example.no') },
                        ]}
                      />
                    </Form.Item>
                  );
                }
                if (rule.kind === 'choice') {
                  const options = choiceOptions.length
                    ? choiceOptions
                    : Object.keys(rule.points).map((option) => ({ value: option, label: option }));
                  return (
                    <Form.Item key={input.name} label={label} htmlFor={id}>
                      <Select<string>
                        id={id}
                        style={{ minWidth: 200 }}
                        value={typeof value === 'string' ? value : undefined}
                        onChange={set}
                        options={options.map((option) => ({
                          value: option.value,
                          label: option.label,
                        }))}
                      />
                    </Form.Item>
                  );
                }
                return (
                  <Form.Item key={input.name} label={label} htmlFor={id}>
                    <Input
                      id={id}
                      style={{ width: 140 }}
                      inputMode="decimal"
                      value={typeof value === 'string' ? value : ''}
                      onChange={(event) => set(event.target.value)}
                    />
                  </Form.Item>
                );
              })}
              {isGroupRelative(rule) ? (
                <Form.Item
                  label={t('frameworkEditor.example.others', { group })}
                  htmlFor={`${idPrefix}-example-others`}
                  help={t('frameworkEditor.example.othersHelp')}
                >
                  <Input
                    id={`${idPrefix}-example-others`}
                    style={{ width: 240 }}
                    value={others}
                    onChange={(event) => setOthers(event.target.value)}
                  />
                </Form.Item>
              ) : null}
              {rule.kind === 'manual' ? (
                <Form.Item
                  label={t('frameworkEditor.example.reviewerPoints')}
                  htmlFor={`${idPrefix}-example-reviewer`}
                >
                  <InputNumber<string>
                    id={`${idPrefix}-example-reviewer`}
                    stringMode
                    min="0"
                    value={reviewerPoints || null}
                    onChange={(next) => setReviewerPoints(next ?? '')}
                  />
                </Form.Item>
              ) : null}
            </Flex>
          </Form>
          <div aria-live="polite" data-testid="worked-example">
            {preview.isFetching && !result ? <Spin size="small" /> : null}
            {preview.isError ? (
              <Alert
                type="warning"
                showIcon
                title={t('frameworkEditor.example.cannot')}
                description={
                  live.example.length > 0
                    ? live.example.join(' ')
                    : t('frameworkEditor.example.fix')
                }
              />
            ) : null}
            {result ? (
              <>
                <Typography.Paragraph strong className="worked-example-result">
                  {inputs.length === 0
                    ? t('frameworkEditor.example.givesManual', {
                        points: formatPoints(result.points, language),
                        max: formatPoints(result.max_points, language),
                      })
                    : t('frameworkEditor.example.gives', {
                        values: shownValues,
                        points: formatPoints(result.points, language),
                        max: formatPoints(result.max_points, language),
                      })}
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" className="worked-example-formula">
                  {localized(language, result.formula_vi, result.formula_en)}
                </Typography.Paragraph>
              </>
            ) : null}
          </div>
        </Card>
      )}
    </>
  );
}
