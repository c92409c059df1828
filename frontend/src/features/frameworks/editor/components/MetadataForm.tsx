import { Card, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { useUnitGroups } from '@/features/units';
import { localized, useLanguage } from '@/i18n';

import type { FieldMessages } from '../checks';
import type { EditorDoc } from '../document';

export type Metadata = Pick<
  EditorDoc,
  'code' | 'title_vi' | 'title_en' | 'year' | 'legal_basis' | 'groups'
>;

function status(message: string | undefined) {
  return message ? { validateStatus: 'error' as const, help: message } : {};
}

interface MetadataFormProps {
  doc: Metadata;
  errors: FieldMessages;
  onChange: (patch: Partial<Metadata>) => void;
  /** Prefix of the controls' ids (the editor and the new-draft form each have one). */
  idPrefix?: string;
}

/** A framework version's own fields: code, titles, year, legal basis and the groups it ranks. */
export function MetadataForm({ doc, errors, onChange, idPrefix = 'framework' }: MetadataFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groups = useUnitGroups();
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <Card size="small">
      <Form layout="vertical" component="div" style={{ maxWidth: 760 }}>
        <Flex gap="middle" wrap>
          <Form.Item
            label={t('frameworkEditor.meta.code')}
            htmlFor={id('code')}
            {...status(errors.code)}
          >
            <Input
              id={id('code')}
              style={{ width: 260 }}
              maxLength={64}
              value={doc.code}
              onChange={(event) => onChange({ code: event.target.value.trim() })}
            />
          </Form.Item>
          <Form.Item
            label={t('frameworkEditor.meta.year')}
            htmlFor={id('year')}
            {...status(errors.year)}
          >
            <InputNumber
              id={id('year')}
              min={2000}
              max={2100}
              value={doc.year}
              onChange={(value) => onChange({ year: value ?? doc.year })}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('frameworkEditor.meta.titleVi')}
          htmlFor={id('title-vi')}
          {...status(errors.title_vi)}
        >
          <Input
            id={id('title-vi')}
            maxLength={500}
            value={doc.title_vi}
            onChange={(event) => onChange({ title_vi: event.target.value })}
          />
        </Form.Item>
        <Form.Item
          label={t('frameworkEditor.meta.titleEn')}
          htmlFor={id('title-en')}
          {...status(errors.title_en)}
        >
          <Input
            id={id('title-en')}
            maxLength={500}
            value={doc.title_en}
            onChange={(event) => onChange({ title_en: event.target.value })}
          />
        </Form.Item>
        <Form.Item
          label={t('frameworkEditor.meta.legalBasis')}
          htmlFor={id('legal-basis')}
          {...status(errors.legal_basis)}
        >
          <Input
            id={id('legal-basis')}
            maxLength={500}
            placeholder={t('frameworkEditor.meta.legalBasisPlaceholder')}
            value={doc.legal_basis ?? ''}
            onChange={(event) => onChange({ legal_basis: event.target.value || null })}
          />
        </Form.Item>
        <Form.Item
          label={t('frameworkEditor.meta.groups')}
          htmlFor={id('groups')}
          {...status(errors.groups)}
        >
          <Select<string[]>
            id={id('groups')}
            mode="multiple"
            value={doc.groups}
            onChange={(value) => onChange({ groups: value })}
            options={(groups.data ?? []).map((group) => ({
              value: group.code,
              label: `${group.code} – ${localized(language, group.name_vi, group.name_en)}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
