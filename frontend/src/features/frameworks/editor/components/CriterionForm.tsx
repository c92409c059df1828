import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { EditorNode, ElementDoc, RuleDoc } from '../document';
import { ruleInputs } from '../rule-shapes';
import type { RuleInput } from '../rule-shapes';
import { RuleSection } from './RuleSection';

/** Messages at fault by field path relative to the criterion (`name_vi`, `rule.bands`, …). */
export type NodeErrors = Readonly<Record<string, string>>;

const GUIDANCE = ['method', 'evidence', 'data_source', 'verified_by'] as const;
type GuidanceKey = `${(typeof GUIDANCE)[number]}_${'vi' | 'en'}`;

function status(message: string | undefined) {
  return message ? { validateStatus: 'error' as const, help: message } : {};
}

/** Errors under a prefix (`rule.`), relative to it. */
function under(errors: NodeErrors, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (field === prefix) out[''] = message;
    else if (field.startsWith(`${prefix}.`)) out[field.slice(prefix.length + 1)] = message;
  }
  return out;
}

interface CriterionFormProps {
  node: EditorNode;
  onChange: (node: EditorNode) => void;
  elements: readonly ElementDoc[];
  /** The groups the criterion may apply to (its parent's). */
  groups: readonly string[];
  /** Its max points per group as the tree stands. */
  maxByGroup: Readonly<Record<string, number>>;
  errors: NodeErrors;
  /** Open the data-element form for a new element that will feed `input`. */
  onNewElement: (input: RuleInput) => void;
}

/** One criterion's form: identity and groups, its inputs and rule with the worked example, and
 * the guidance texts in both languages. */
export function CriterionForm({
  node,
  onChange,
  elements,
  groups,
  maxByGroup,
  errors,
  onNewElement,
}: CriterionFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = (field: string) => `criterion-${node.key}-${field}`;
  const set = (patch: Partial<EditorNode>) => onChange({ ...node, ...patch });
  const isLeaf = node.children.length === 0;
  const needed = ruleInputs(node.rule);
  const neededNames = new Set(needed.map((input) => input.name));
  const inputs = node.inputs ?? [];
  const extra = inputs.filter((ref) => !neededNames.has(ref.name));

  const elementFor = (name: string) =>
    elements.find(
      (element) => element.code === inputs.find((ref) => ref.name === name)?.element_code,
    );
  const choiceInput = node.rule.kind === 'choice' ? node.rule.input : undefined;
  const choiceOptions = (choiceInput ? (elementFor(choiceInput)?.options ?? []) : []).map(
    (option) => ({
      value: option.value,
      label: `${option.value} – ${localized(language, option.label_vi, option.label_en)}`,
    }),
  );

  const setInput = (name: string, elementCode: string) => {
    const others = inputs.filter((ref) => ref.name !== name);
    const next = [...others, { name, element_code: elementCode }];
    const patch: Partial<EditorNode> = { inputs: next };
    // A choice rule scores every option of its element: start a new element's table at 0.
    if (node.rule.kind === 'choice' && name === node.rule.input) {
      const element = elements.find((candidate) => candidate.code === elementCode);
      const points = Object.fromEntries(
        (element?.options ?? []).map((option) => [
          option.value,
          node.rule.kind === 'choice' ? (node.rule.points[option.value] ?? '0') : '0',
        ]),
      );
      patch.rule = { ...node.rule, points };
    }
    set(patch);
  };

  const inputsError = errors.inputs;
  const groupsChecked = node.groups ?? [...groups];

  return (
    <Form layout="vertical" component="div" className="criterion-form">
      <Card
        size="small"
        title={<h3 className="card-heading">{t('frameworkEditor.criterion.general')}</h3>}
      >
        <Flex gap="middle" wrap>
          <Form.Item
            label={t('frameworkEditor.criterion.code')}
            htmlFor={id('code')}
            {...status(errors.code)}
          >
            <Input
              id={id('code')}
              style={{ width: 140 }}
              maxLength={32}
              value={node.code}
              onChange={(event) => set({ code: event.target.value.trim() })}
            />
          </Form.Item>
          <Form.Item
            label={t('frameworkEditor.criterion.weight')}
            htmlFor={id('weight')}
            {...status(errors.weight)}
          >
            <InputNumber<string>
              id={id('weight')}
              stringMode
              min="0"
              value={node.weight}
              onChange={(value) => set({ weight: value ?? '' })}
            />
          </Form.Item>
          {isLeaf ? (
            <Form.Item
              label={t('frameworkEditor.criterion.maxPoints')}
              htmlFor={id('max')}
              {...status(errors.max_points)}
            >
              <InputNumber<string>
                id={id('max')}
                stringMode
                min="0"
                value={node.max_points ?? null}
                onChange={(value) => set({ max_points: value ?? null })}
              />
            </Form.Item>
          ) : null}
        </Flex>
        <Form.Item
          label={t('frameworkEditor.criterion.nameVi')}
          htmlFor={id('name-vi')}
          {...status(errors.name_vi)}
        >
          <Input.TextArea
            id={id('name-vi')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={1000}
            value={node.name_vi}
            onChange={(event) => set({ name_vi: event.target.value })}
          />
        </Form.Item>
        <Form.Item
          label={t('frameworkEditor.criterion.nameEn')}
          htmlFor={id('name-en')}
          {...status(errors.name_en)}
        >
          <Input.TextArea
            id={id('name-en')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={1000}
            value={node.name_en}
            onChange={(event) => set({ name_en: event.target.value })}
          />
        </Form.Item>
        <fieldset className="editor-fieldset">
          <legend>{t('frameworkEditor.criterion.groups')}</legend>
          <Checkbox
            checked={node.groups === null || node.groups === undefined}
            onChange={(event) => set({ groups: event.target.checked ? null : [...groups] })}
          >
            {t('frameworkEditor.criterion.allGroups')}
          </Checkbox>
          <Checkbox.Group
            value={groupsChecked}
            disabled={node.groups === null || node.groups === undefined}
            onChange={(values) => set({ groups: values })}
            options={groups.map((group) => ({ value: group, label: group }))}
          />
          {Object.entries(errors)
            .filter(([field]) => field.startsWith('groups'))
            .map(([field, message]) => (
              <Typography.Text key={field} type="danger" role="alert">
                {message}
              </Typography.Text>
            ))}
          <div className="criterion-max-by-group">
            {Object.entries(maxByGroup).map(([group, max]) => (
              <Tag key={group}>
                {t('frameworkEditor.criterion.maxOf', {
                  group,
                  max: formatPoints(String(max), language),
                })}
              </Tag>
            ))}
          </div>
        </fieldset>
        <Flex gap="large" wrap>
          <Flex gap="small" align="center">
            <Switch
              id={id('evidence-required')}
              checked={node.evidence_required}
              onChange={(checked) => set({ evidence_required: checked })}
            />
            <label htmlFor={id('evidence-required')}>
              {t('frameworkEditor.criterion.evidenceRequired')}
            </label>
          </Flex>
          <Flex gap="small" align="center">
            <Switch
              id={id('na-missing')}
              checked={node.not_applicable_when_missing}
              onChange={(checked) => set({ not_applicable_when_missing: checked })}
            />
            <label htmlFor={id('na-missing')}>
              {t('frameworkEditor.criterion.notApplicableWhenMissing')}
            </label>
          </Flex>
        </Flex>
      </Card>

      <Card
        size="small"
        title={<h3 className="card-heading">{t('frameworkEditor.criterion.scoring')}</h3>}
      >
        {isLeaf ? (
          <>
            {needed.length > 0 ? (
              <fieldset className="editor-fieldset">
                <legend>{t('frameworkEditor.criterion.inputs')}</legend>
                {needed.map((input) => {
                  const index = inputs.findIndex((ref) => ref.name === input.name);
                  const error =
                    errors[`rule.input`] ??
                    (index >= 0 ? errors[`inputs[${index}].element_code`] : undefined);
                  return (
                    <Flex key={input.name} gap="small" align="start" wrap>
                      <Form.Item
                        label={t('frameworkEditor.criterion.inputElement', { name: input.name })}
                        htmlFor={id(`input-${input.name}`)}
                        {...status(error)}
                      >
                        <Select<string>
                          id={id(`input-${input.name}`)}
                          showSearch={{ optionFilterProp: 'label' }}
                          style={{ minWidth: 360, maxWidth: 560 }}
                          placeholder={t('frameworkEditor.criterion.pickElement')}
                          value={inputs[index]?.element_code}
                          onChange={(code) => setInput(input.name, code)}
                          options={elements
                            .filter((element) => input.types.includes(element.value_type))
                            .map((element) => ({
                              value: element.code,
                              label: `${element.code} – ${localized(language, element.name_vi, element.name_en)}`,
                            }))}
                        />
                      </Form.Item>
                      <Button
                        className="input-new-element"
                        icon={<PlusOutlined aria-hidden />}
                        onClick={() => onNewElement(input)}
                      >
                        {t('frameworkEditor.criterion.newElement')}
                      </Button>
                    </Flex>
                  );
                })}
                {extra.map((ref) => (
                  <Flex key={ref.name} gap="small" align="center">
                    <Typography.Text type="secondary">
                      {t('frameworkEditor.criterion.unusedInput', {
                        name: ref.name,
                        code: ref.element_code,
                      })}
                    </Typography.Text>
                    <Button
                      size="small"
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('frameworkEditor.criterion.removeInput', { name: ref.name })}
                      onClick={() =>
                        set({ inputs: inputs.filter((other) => other.name !== ref.name) })
                      }
                    />
                  </Flex>
                ))}
                {inputsError ? (
                  <Typography.Text type="danger" role="alert">
                    {inputsError}
                  </Typography.Text>
                ) : null}
              </fieldset>
            ) : null}
            <RuleSection
              rule={node.rule}
              maxPoints={node.max_points ?? ''}
              group={groupsChecked[0] ?? groups[0] ?? 'G'}
              choiceOptions={choiceOptions}
              onChange={(rule: RuleDoc) => set({ rule })}
              savedErrors={under(errors, 'rule')}
              idPrefix={id('rule')}
            />
          </>
        ) : (
          <Typography.Paragraph>{t('ruleText.sumOfChildren')}</Typography.Paragraph>
        )}
      </Card>

      <Card
        size="small"
        title={<h3 className="card-heading">{t('frameworkEditor.criterion.guidance')}</h3>}
      >
        {GUIDANCE.map((field) => (
          <Flex key={field} gap="middle" wrap className="guidance-pair">
            {(['vi', 'en'] as const).map((lang) => {
              const key: GuidanceKey = `${field}_${lang}`;
              return (
                <Form.Item
                  key={key}
                  className="guidance-field"
                  label={t(`frameworkEditor.guidance.${field}_${lang}`)}
                  htmlFor={id(`guidance-${key}`)}
                  {...status(errors[`guidance.${key}`])}
                >
                  <Input.TextArea
                    id={id(`guidance-${key}`)}
                    autoSize={{ minRows: 2, maxRows: 8 }}
                    maxLength={5000}
                    value={node.guidance?.[key] ?? ''}
                    onChange={(event) =>
                      set({
                        guidance: { ...node.guidance, [key]: event.target.value || null },
                      })
                    }
                  />
                </Form.Item>
              );
            })}
          </Flex>
        ))}
      </Card>
    </Form>
  );
}
