import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { components } from '@/api/schema';

import type { RuleDoc } from '../document';
import type { LeafKind } from '../rule-shapes';
import { LEAF_KINDS, defaultRule } from '../rule-shapes';

type Schemas = components['schemas'];
type Band = Schemas['Band-Output'];
type Direction = 'higher_is_better' | 'lower_is_better';

/** Messages at fault by field path relative to the rule (`bands[0].points`, `target`, ``). */
export type RuleErrors = Readonly<Record<string, string>>;

export interface ChoiceOption {
  value: string;
  label: string;
}

interface RuleEditorProps {
  rule: RuleDoc;
  maxPoints: string;
  onChange: (rule: RuleDoc) => void;
  errors: RuleErrors;
  /** The options of the choice element the rule reads (empty until one is chosen). */
  choiceOptions: readonly ChoiceOption[];
  /** Prefix of the form controls' ids (one editor per criterion). */
  idPrefix: string;
}

function status(message: string | undefined) {
  return message ? { validateStatus: 'error' as const, help: message } : {};
}

function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  min,
}: {
  id: string;
  label: string;
  value: string | null | undefined;
  onChange: (value: string) => void;
  error?: string | undefined;
  min?: number;
}) {
  return (
    <Form.Item label={label} htmlFor={id} {...status(error)}>
      <InputNumber<string>
        id={id}
        stringMode
        {...(min === undefined ? {} : { min: String(min) })}
        value={value ?? null}
        onChange={(next) => onChange(next ?? '')}
        style={{ width: 160 }}
      />
    </Form.Item>
  );
}

function DirectionField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Direction;
  onChange: (direction: Direction) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('frameworkEditor.rule.direction')} htmlFor={id}>
      <Radio.Group
        id={id}
        aria-label={t('frameworkEditor.rule.direction')}
        value={value}
        onChange={(event) => onChange(event.target.value as Direction)}
        options={[
          { value: 'higher_is_better', label: t('frameworkEditor.rule.higherIsBetter') },
          { value: 'lower_is_better', label: t('frameworkEditor.rule.lowerIsBetter') },
        ]}
      />
    </Form.Item>
  );
}

/** A band table: threshold and points per row, rows added and removed. */
function BandsTable({
  bands,
  onChange,
  errors,
  prefix,
  idPrefix,
  maxPoints,
}: {
  bands: readonly Band[];
  onChange: (bands: Band[]) => void;
  errors: RuleErrors;
  prefix: string;
  idPrefix: string;
  maxPoints: string;
}) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<Band>) =>
    onChange(bands.map((band, i) => (i === index ? { ...band, ...patch } : band)));
  const tableError = errors[prefix];
  return (
    <div className="rule-bands">
      <Typography.Text strong>{t('frameworkEditor.rule.bands')}</Typography.Text>
      {bands.map((band, index) => {
        const thresholdError = errors[`${prefix}[${index}].threshold`];
        const pointsError = errors[`${prefix}[${index}].points`];
        return (
          <Flex key={index} gap="small" align="start" wrap className="rule-band-row">
            <Form.Item
              label={t('frameworkEditor.rule.threshold', { n: index + 1 })}
              htmlFor={`${idPrefix}-band-${index}-threshold`}
              {...status(thresholdError)}
            >
              <InputNumber<string>
                id={`${idPrefix}-band-${index}-threshold`}
                stringMode
                value={band.threshold}
                onChange={(value) => change(index, { threshold: value ?? '' })}
              />
            </Form.Item>
            <Form.Item
              label={t('frameworkEditor.rule.bandPoints', { n: index + 1 })}
              htmlFor={`${idPrefix}-band-${index}-points`}
              {...status(pointsError)}
            >
              <InputNumber<string>
                id={`${idPrefix}-band-${index}-points`}
                stringMode
                min="0"
                value={band.points}
                onChange={(value) => change(index, { points: value ?? '' })}
              />
            </Form.Item>
            <Button
              className="rule-row-remove"
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('frameworkEditor.rule.removeBand', { n: index + 1 })}
              disabled={bands.length <= 1}
              onClick={() => onChange(bands.filter((_, i) => i !== index))}
            />
          </Flex>
        );
      })}
      {tableError ? (
        <Typography.Text type="danger" role="alert">
          {tableError}
        </Typography.Text>
      ) : null}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => onChange([...bands, { threshold: '', points: maxPoints || '0' }])}
        >
          {t('frameworkEditor.rule.addBand')}
        </Button>
      </div>
    </div>
  );
}

/** The form of one rule kind: each kind's parameters, with the API's messages at the fields. */
export function RuleEditor({
  rule,
  maxPoints,
  onChange,
  errors,
  choiceOptions,
  idPrefix,
}: RuleEditorProps) {
  const { t } = useTranslation();
  const kindId = `${idPrefix}-rule-kind`;
  const general = errors[''] ?? errors.kind;

  const body = (() => {
    switch (rule.kind) {
      case 'boolean':
        return <Typography.Paragraph>{t('ruleText.boolean')}</Typography.Paragraph>;
      case 'relative_to_best':
        return <Typography.Paragraph>{t('ruleText.relativeToBest')}</Typography.Paragraph>;
      case 'manual':
        return <Typography.Paragraph>{t('ruleText.manual')}</Typography.Paragraph>;
      case 'sum_of_children':
        return <Typography.Paragraph>{t('ruleText.sumOfChildren')}</Typography.Paragraph>;
      case 'choice': {
        const known = new Set(choiceOptions.map((option) => option.value));
        const rows = [
          ...choiceOptions,
          ...Object.keys(rule.points)
            .filter((value) => !known.has(value))
            .map((value) => ({ value, label: value })),
        ];
        if (rows.length === 0) {
          return (
            <Typography.Paragraph type="secondary">
              {t('frameworkEditor.rule.chooseChoiceElement')}
            </Typography.Paragraph>
          );
        }
        return (
          <>
            {rows.map((option) => (
              <NumberField
                key={option.value}
                id={`${idPrefix}-choice-${option.value}`}
                label={t('frameworkEditor.rule.optionPoints', { option: option.label })}
                value={rule.points[option.value]}
                min={0}
                error={errors[`points.${option.value}`]}
                onChange={(value) =>
                  onChange({ ...rule, points: { ...rule.points, [option.value]: value } })
                }
              />
            ))}
            {errors.points ? (
              <Typography.Text type="danger" role="alert">
                {errors.points}
              </Typography.Text>
            ) : null}
          </>
        );
      }
      case 'bands':
        return (
          <>
            <DirectionField
              id={`${idPrefix}-bands-direction`}
              value={rule.direction}
              onChange={(direction) => onChange({ ...rule, direction })}
            />
            <BandsTable
              bands={rule.bands}
              prefix="bands"
              idPrefix={idPrefix}
              errors={errors}
              maxPoints={maxPoints}
              onChange={(bands) => onChange({ ...rule, bands })}
            />
          </>
        );
      case 'linear':
        return (
          <>
            <Form.Item label={t('frameworkEditor.rule.goalposts')} htmlFor={`${idPrefix}-goal`}>
              <Radio.Group
                id={`${idPrefix}-goal`}
                aria-label={t('frameworkEditor.rule.goalposts')}
                value={rule.goalposts}
                onChange={(event) =>
                  onChange(
                    event.target.value === 'group_min_max'
                      ? {
                          ...rule,
                          goalposts: 'group_min_max',
                          floor: null,
                          target: null,
                          direction: rule.direction ?? 'higher_is_better',
                        }
                      : { ...rule, goalposts: 'fixed', floor: '0', target: '100', direction: null },
                  )
                }
                options={[
                  { value: 'fixed', label: t('frameworkEditor.rule.goalpostsFixed') },
                  { value: 'group_min_max', label: t('frameworkEditor.rule.goalpostsGroup') },
                ]}
              />
            </Form.Item>
            {rule.goalposts === 'group_min_max' ? (
              <DirectionField
                id={`${idPrefix}-linear-direction`}
                value={rule.direction ?? 'higher_is_better'}
                onChange={(direction) => onChange({ ...rule, direction })}
              />
            ) : (
              <Flex gap="middle" wrap>
                <NumberField
                  id={`${idPrefix}-floor`}
                  label={t('frameworkEditor.rule.floor')}
                  value={rule.floor}
                  error={errors.floor}
                  onChange={(floor) => onChange({ ...rule, floor })}
                />
                <NumberField
                  id={`${idPrefix}-target`}
                  label={t('frameworkEditor.rule.target')}
                  value={rule.target}
                  error={errors.target ?? errors.direction}
                  onChange={(target) => onChange({ ...rule, target })}
                />
              </Flex>
            )}
            {rule.goalposts === 'fixed' ? (
              <Typography.Paragraph type="secondary">
                {t('frameworkEditor.rule.linearHelp')}
              </Typography.Paragraph>
            ) : null}
          </>
        );
      case 'ratio': {
        const scale = rule.scale ?? { kind: 'linear' as const, floor: '0', target: '100' };
        return (
          <>
            <Typography.Paragraph>
              {t('ruleText.ratio', { numerator: rule.numerator, denominator: rule.denominator })}
            </Typography.Paragraph>
            <Form.Item label={t('frameworkEditor.rule.scale')} htmlFor={`${idPrefix}-scale`}>
              <Radio.Group
                id={`${idPrefix}-scale`}
                aria-label={t('frameworkEditor.rule.scale')}
                value={scale.kind}
                onChange={(event) =>
                  onChange({
                    ...rule,
                    scale:
                      event.target.value === 'bands'
                        ? {
                            kind: 'bands',
                            direction: 'higher_is_better',
                            bands: [{ threshold: '50', points: maxPoints || '0' }],
                          }
                        : { kind: 'linear', floor: '0', target: '100' },
                  })
                }
                options={[
                  { value: 'linear', label: t('ruleKinds.linear') },
                  { value: 'bands', label: t('ruleKinds.bands') },
                ]}
              />
            </Form.Item>
            {scale.kind === 'linear' ? (
              <Flex gap="middle" wrap>
                <NumberField
                  id={`${idPrefix}-scale-floor`}
                  label={t('frameworkEditor.rule.floorPercent')}
                  value={scale.floor}
                  error={errors['scale.floor']}
                  onChange={(floor) => onChange({ ...rule, scale: { ...scale, floor } })}
                />
                <NumberField
                  id={`${idPrefix}-scale-target`}
                  label={t('frameworkEditor.rule.targetPercent')}
                  value={scale.target}
                  error={errors['scale.target']}
                  onChange={(target) => onChange({ ...rule, scale: { ...scale, target } })}
                />
              </Flex>
            ) : (
              <>
                <DirectionField
                  id={`${idPrefix}-scale-direction`}
                  value={scale.direction}
                  onChange={(direction) => onChange({ ...rule, scale: { ...scale, direction } })}
                />
                <BandsTable
                  bands={scale.bands}
                  prefix="scale.bands"
                  idPrefix={`${idPrefix}-scale`}
                  errors={errors}
                  maxPoints={maxPoints}
                  onChange={(bands) => onChange({ ...rule, scale: { ...scale, bands } })}
                />
              </>
            )}
            <Form.Item
              label={t('frameworkEditor.rule.zeroDenominator')}
              htmlFor={`${idPrefix}-zero`}
            >
              <Radio.Group
                id={`${idPrefix}-zero`}
                aria-label={t('frameworkEditor.rule.zeroDenominator')}
                value={rule.zero_denominator}
                onChange={(event) =>
                  onChange({
                    ...rule,
                    zero_denominator: event.target.value as 'zero' | 'not_applicable',
                  })
                }
                options={[
                  { value: 'zero', label: t('frameworkEditor.rule.zeroGivesZero') },
                  {
                    value: 'not_applicable',
                    label: t('frameworkEditor.rule.zeroNotApplicable'),
                  },
                ]}
              />
            </Form.Item>
          </>
        );
      }
      case 'rank':
        return (
          <>
            <DirectionField
              id={`${idPrefix}-rank-direction`}
              value={rule.direction}
              onChange={(direction) => onChange({ ...rule, direction })}
            />
            {rule.points_by_rank.map((points, index) => (
              <Flex key={index} gap="small" align="start">
                <NumberField
                  id={`${idPrefix}-rank-${index}`}
                  label={t('frameworkEditor.rule.rankPoints', { rank: index + 1 })}
                  value={points}
                  min={0}
                  error={errors[`points_by_rank[${index}]`]}
                  onChange={(value) =>
                    onChange({
                      ...rule,
                      points_by_rank: rule.points_by_rank.map((p, i) => (i === index ? value : p)),
                    })
                  }
                />
                <Button
                  className="rule-row-remove"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('frameworkEditor.rule.removeRank', { rank: index + 1 })}
                  disabled={rule.points_by_rank.length <= 1}
                  onClick={() =>
                    onChange({
                      ...rule,
                      points_by_rank: rule.points_by_rank.filter((_, i) => i !== index),
                    })
                  }
                />
              </Flex>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => onChange({ ...rule, points_by_rank: [...rule.points_by_rank, '0'] })}
            >
              {t('frameworkEditor.rule.addRank')}
            </Button>
          </>
        );
    }
  })();

  return (
    <div className="rule-editor">
      {rule.kind === 'sum_of_children' ? null : (
        <Form.Item label={t('frameworkEditor.rule.kind')} htmlFor={kindId}>
          <Select<LeafKind>
            id={kindId}
            style={{ maxWidth: 320 }}
            value={rule.kind}
            onChange={(kind) =>
              onChange(
                defaultRule(
                  kind,
                  maxPoints,
                  choiceOptions.map((option) => option.value),
                  'input' in rule ? rule.input : 'value',
                ),
              )
            }
            options={LEAF_KINDS.map((kind) => ({ value: kind, label: t(`ruleKinds.${kind}`) }))}
          />
        </Form.Item>
      )}
      {general ? (
        <Typography.Paragraph type="danger" role="alert">
          {general}
        </Typography.Paragraph>
      ) : null}
      {body}
    </div>
  );
}
