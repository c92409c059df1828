import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ElementDoc } from '../document';

const VALUE_TYPES: readonly ElementDoc['value_type'][] = [
  'boolean',
  'integer',
  'decimal',
  'percent',
  'date',
  'choice',
  'text',
];
const SOURCES: readonly ElementDoc['source'][] = ['self', 'provider', 'reviewer'];

type Option = NonNullable<ElementDoc['options']>[number];

export interface ProviderAgency {
  code: string;
  name: string;
}

interface ElementModalProps {
  /** The element to edit, or a fresh one to add. */
  element: ElementDoc;
  isNew: boolean;
  /** The types it may have (a new element for a rule input), else any. */
  types?: readonly ElementDoc['value_type'][] | undefined;
  /** Codes other elements have (a new code must differ). */
  takenCodes: ReadonlySet<string>;
  providers: readonly ProviderAgency[];
  /** Errors of the last save at this element's fields (`provider_code`, `options`, …). */
  errors: Readonly<Record<string, string>>;
  onSave: (element: ElementDoc) => void;
  onCancel: () => void;
}

function status(message: string | undefined) {
  return message ? { validateStatus: 'error' as const, help: message } : {};
}

/** The data-element form (chỉ tiêu số liệu): type, options, bounds, source and agency. */
export function ElementModal({
  element: initial,
  isNew,
  types,
  takenCodes,
  providers,
  errors,
  onSave,
  onCancel,
}: ElementModalProps) {
  const { t } = useTranslation();
  const [element, setElement] = useState<ElementDoc>(initial);
  const set = (patch: Partial<ElementDoc>) => setElement((current) => ({ ...current, ...patch }));
  const options = element.options ?? [];
  const setOption = (index: number, patch: Partial<Option>) =>
    set({ options: options.map((option, i) => (i === index ? { ...option, ...patch } : option)) });

  // What the form checks before the API does (the rest, e.g. an unknown agency, comes back on save).
  const local: Record<string, string> = {};
  if (!/^[A-Za-z0-9][\w.-]*$/.test(element.code))
    local.code = t('frameworkEditor.element.codeRule');
  else if (isNew && takenCodes.has(element.code))
    local.code = t('frameworkEditor.element.codeTaken');
  if (!element.name_vi.trim()) local.name_vi = t('frameworkEditor.required');
  if (!element.name_en.trim()) local.name_en = t('frameworkEditor.required');
  if (element.value_type === 'choice' && options.length === 0) {
    local.options = t('frameworkEditor.element.optionsRequired');
  }
  if (element.source === 'provider' && !element.provider_code) {
    local.provider_code = t('frameworkEditor.required');
  }
  const shown = { ...errors, ...local };
  const numeric = ['integer', 'decimal', 'percent'].includes(element.value_type);

  return (
    <Modal
      open
      title={t(isNew ? 'frameworkEditor.element.addTitle' : 'frameworkEditor.element.editTitle')}
      okText={t('frameworkEditor.element.apply')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: Object.keys(local).length > 0 }}
      onOk={() =>
        onSave({
          ...element,
          options: element.value_type === 'choice' ? options : null,
          provider_code: element.source === 'provider' ? (element.provider_code ?? null) : null,
          min: numeric ? (element.min ?? null) : null,
          max: numeric ? (element.max ?? null) : null,
        })
      }
      onCancel={onCancel}
      width={720}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Flex gap="middle" wrap>
          <Form.Item
            label={t('frameworkEditor.element.code')}
            htmlFor="element-code"
            {...status(shown.code)}
          >
            <Input
              id="element-code"
              maxLength={64}
              disabled={!isNew}
              value={element.code}
              onChange={(event) => set({ code: event.target.value.trim() })}
            />
          </Form.Item>
          <Form.Item label={t('frameworkEditor.element.valueType')} htmlFor="element-type">
            <Select<ElementDoc['value_type']>
              id="element-type"
              style={{ width: 200 }}
              value={element.value_type}
              onChange={(valueType) => set({ value_type: valueType })}
              options={(types ?? VALUE_TYPES).map((type) => ({
                value: type,
                label: t(`frameworkEditor.valueTypes.${type}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('frameworkEditor.element.nameVi')}
          htmlFor="element-name-vi"
          {...status(shown.name_vi)}
        >
          <Input
            id="element-name-vi"
            maxLength={500}
            value={element.name_vi}
            onChange={(event) => set({ name_vi: event.target.value })}
          />
        </Form.Item>
        <Form.Item
          label={t('frameworkEditor.element.nameEn')}
          htmlFor="element-name-en"
          {...status(shown.name_en)}
        >
          <Input
            id="element-name-en"
            maxLength={500}
            value={element.name_en}
            onChange={(event) => set({ name_en: event.target.value })}
          />
        </Form.Item>
        {element.value_type === 'choice' ? (
          <fieldset className="editor-fieldset">
            <legend>{t('frameworkEditor.element.options')}</legend>
            {options.map((option, index) => (
              <Flex key={index} gap="small" wrap align="start">
                <Input
                  aria-label={t('frameworkEditor.element.optionValue', { n: index + 1 })}
                  placeholder={t('frameworkEditor.element.optionValuePlaceholder')}
                  style={{ width: 140 }}
                  value={option.value}
                  onChange={(event) => setOption(index, { value: event.target.value.trim() })}
                />
                <Input
                  aria-label={t('frameworkEditor.element.optionLabelVi', { n: index + 1 })}
                  placeholder={t('frameworkEditor.element.optionLabelViPlaceholder')}
                  style={{ width: 220 }}
                  value={option.label_vi}
                  onChange={(event) => setOption(index, { label_vi: event.target.value })}
                />
                <Input
                  aria-label={t('frameworkEditor.element.optionLabelEn', { n: index + 1 })}
                  placeholder={t('frameworkEditor.element.optionLabelEnPlaceholder')}
                  style={{ width: 220 }}
                  value={option.label_en}
                  onChange={(event) => setOption(index, { label_en: event.target.value })}
                />
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('frameworkEditor.element.removeOption', { n: index + 1 })}
                  onClick={() => set({ options: options.filter((_, i) => i !== index) })}
                />
              </Flex>
            ))}
            {shown.options ? (
              <Typography.Text type="danger" role="alert">
                {shown.options}
              </Typography.Text>
            ) : null}
            <div>
              <Button
                size="small"
                icon={<PlusOutlined aria-hidden />}
                onClick={() =>
                  set({
                    options: [
                      ...options,
                      { value: `option${options.length + 1}`, label_vi: '', label_en: '' },
                    ],
                  })
                }
              >
                {t('frameworkEditor.element.addOption')}
              </Button>
            </div>
          </fieldset>
        ) : null}
        {numeric ? (
          <Flex gap="middle" wrap>
            <Form.Item
              label={t('frameworkEditor.element.min')}
              htmlFor="element-min"
              {...status(shown.min)}
            >
              <InputNumber<string>
                id="element-min"
                stringMode
                value={element.min ?? null}
                onChange={(value) => set({ min: value ?? null })}
              />
            </Form.Item>
            <Form.Item
              label={t('frameworkEditor.element.max')}
              htmlFor="element-max"
              {...status(shown.max)}
            >
              <InputNumber<string>
                id="element-max"
                stringMode
                value={element.max ?? null}
                onChange={(value) => set({ max: value ?? null })}
              />
            </Form.Item>
            <Form.Item label={t('frameworkEditor.element.unit')} htmlFor="element-unit">
              <Input
                id="element-unit"
                maxLength={64}
                style={{ width: 140 }}
                value={element.unit ?? ''}
                onChange={(event) => set({ unit: event.target.value || null })}
              />
            </Form.Item>
          </Flex>
        ) : null}
        <Flex gap="middle" wrap>
          <Form.Item label={t('frameworkEditor.element.source')} htmlFor="element-source">
            <Select<ElementDoc['source']>
              id="element-source"
              style={{ width: 260 }}
              value={element.source}
              onChange={(source) => set({ source })}
              options={SOURCES.map((source) => ({
                value: source,
                label: t(`frameworkEditor.sources.${source}`),
              }))}
            />
          </Form.Item>
          {element.source === 'provider' ? (
            <Form.Item
              label={t('frameworkEditor.element.provider')}
              htmlFor="element-provider"
              {...status(shown.provider_code)}
            >
              <Select<string>
                id="element-provider"
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 300 }}
                value={element.provider_code ?? undefined}
                onChange={(code) => set({ provider_code: code })}
                options={providers.map((provider) => ({
                  value: provider.code,
                  label: `${provider.code} – ${provider.name}`,
                }))}
              />
            </Form.Item>
          ) : null}
        </Flex>
      </Form>
    </Modal>
  );
}
