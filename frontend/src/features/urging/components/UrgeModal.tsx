import { App, Button, Col, Flex, Form, Input, Modal, Row, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { components } from '@/api/schema';
import { ProblemAlert } from '@/components/ProblemAlert';
import type { Language } from '@/i18n';

import { useSaveTemplate, useUrge, useUrgeTemplates } from '../api/urging';
import type { TemplateTexts, UrgeTemplate } from '../api/urging';
import { PLACEHOLDERS, placeholderValues, renderTemplate, templateProblem } from '../template';

type UnitProgress = components['schemas']['UnitProgress'];

interface UrgeModalProps {
  open: boolean;
  round: { id: number; title_vi: string; title_en: string };
  /** The units to urge, as the progress table shows them. */
  units: readonly UnitProgress[];
  /** The progress table's day (days late are counted to it). */
  asOf: string;
  onClose: () => void;
  onSent: () => void;
}

const FIELDS = ['subject_vi', 'body_vi', 'subject_en', 'body_en'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: TemplateTexts = { subject_vi: '', subject_en: '', body_vi: '', body_en: '' };

function textsOf(template: UrgeTemplate | undefined): TemplateTexts {
  if (!template) return EMPTY;
  const { subject_vi, subject_en, body_vi, body_en } = template;
  return { subject_vi, subject_en, body_vi, body_en };
}

/**
 * Đôn đốc: a message to the chosen units from an editable template (Vietnamese and English), its
 * placeholders previewed for each unit before it is sent in the app and by e-mail.
 */
export function UrgeModal({ open, round, units, asOf, onClose, onSent }: UrgeModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const templates = useUrgeTemplates(open);
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [edited, setEdited] = useState<TemplateTexts | null>(null);
  const [previewCode, setPreviewCode] = useState<string | null>(null);

  const chosen =
    templates.data?.find((template) => template.id === templateId) ?? templates.data?.[0];
  const texts = edited ?? textsOf(chosen);
  const previewUnit = units.find((unit) => unit.unit_code === previewCode) ?? units[0];

  const urge = useUrge(round.id, {
    onSuccess: (result) => {
      const people = result.units.reduce((sum, unit) => sum + unit.recipients, 0);
      void message.success(t('urging.sent', { count: result.units.length, people }));
      onSent();
    },
  });
  const save = useSaveTemplate({
    onSuccess: () => {
      void message.success(t('urging.templateSaved'));
      setEdited(null);
    },
  });

  const problems = Object.fromEntries(
    FIELDS.map((field) => {
      const text = texts[field];
      if (!text.trim()) return [field, t('urging.required')];
      const problem = templateProblem(text);
      if (!problem) return [field, null];
      return [
        field,
        problem.kind === 'braces'
          ? t('urging.braces')
          : t('urging.unknownPlaceholder', { name: problem.name }),
      ];
    }),
  ) as Record<Field, string | null>;
  const sendable = FIELDS.every((field) => problems[field] === null) && units.length > 0;

  const change = (field: Field, value: string) => setEdited({ ...texts, [field]: value });

  const send = () => {
    if (!sendable) return;
    urge.mutate({
      ...texts,
      unit_codes: units.map((unit) => unit.unit_code),
      template_id: chosen?.id ?? null,
    });
  };

  const field = (name: Field, rows?: number) => {
    const id = `urge-${name}`;
    const Control = rows ? Input.TextArea : Input;
    return (
      <Form.Item
        key={name}
        label={t(`urging.fields.${name}`)}
        htmlFor={id}
        validateStatus={problems[name] ? 'error' : undefined}
        help={problems[name] ?? undefined}
      >
        <Control
          id={id}
          value={texts[name]}
          maxLength={rows ? 4000 : 200}
          {...(rows ? { rows } : {})}
          onChange={(event) => change(name, event.target.value)}
        />
      </Form.Item>
    );
  };

  const preview = (language: Language) => {
    if (!previewUnit) return null;
    const values = placeholderValues(previewUnit, round, asOf, language);
    const subject = language === 'vi' ? texts.subject_vi : texts.subject_en;
    const body = language === 'vi' ? texts.body_vi : texts.body_en;
    return (
      <div lang={language} data-testid={`urge-preview-${language}`}>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          {renderTemplate(subject, values)}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {renderTemplate(body, values)}
        </Typography.Paragraph>
      </div>
    );
  };

  return (
    <Modal
      open={open}
      width={1000}
      title={t('urging.title', { count: units.length })}
      okText={t('urging.send', { count: units.length })}
      okButtonProps={{ disabled: !sendable }}
      cancelText={t('common.cancel')}
      confirmLoading={urge.isPending}
      onOk={send}
      onCancel={() => {
        if (!urge.isPending) onClose();
      }}
      afterOpenChange={(opened) => {
        if (!opened) {
          setEdited(null);
          setPreviewCode(null);
          urge.reset();
          save.reset();
        }
      }}
      destroyOnHidden
    >
      <Flex vertical gap="middle">
        <div>
          <Typography.Text>{t('urging.recipients')}</Typography.Text>{' '}
          <Flex wrap gap={4} component="span" style={{ display: 'inline-flex' }}>
            {units.map((unit) => (
              <Tag key={unit.unit_code}>{unit.unit_code}</Tag>
            ))}
          </Flex>
        </div>
        {templates.isError ? <ProblemAlert error={templates.error} /> : null}
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form layout="vertical" component="div">
              <Form.Item label={t('urging.template')} htmlFor="urge-template">
                <Select
                  id="urge-template"
                  loading={templates.isPending}
                  value={chosen?.id}
                  onChange={(id: number) => {
                    setTemplateId(id);
                    setEdited(null);
                  }}
                  options={(templates.data ?? []).map((template) => ({
                    value: template.id,
                    label: template.name,
                  }))}
                />
              </Form.Item>
              {field('subject_vi')}
              {field('body_vi', 5)}
              {field('subject_en')}
              {field('body_en', 5)}
              <Typography.Paragraph type="secondary">
                {t('urging.placeholders')}{' '}
                {PLACEHOLDERS.map((name) => (
                  <Typography.Text code key={name}>{`{${name}}`}</Typography.Text>
                ))}
              </Typography.Paragraph>
            </Form>
          </Col>
          <Col xs={24} md={12}>
            <section aria-labelledby="urge-preview-heading">
              <Flex justify="space-between" align="center" gap="small" wrap>
                <h3 id="urge-preview-heading" className="card-heading">
                  {t('urging.preview')}
                </h3>
                <Select
                  aria-label={t('urging.previewUnit')}
                  style={{ minWidth: 200 }}
                  value={previewUnit?.unit_code}
                  onChange={(code: string) => setPreviewCode(code)}
                  options={units.map((unit) => ({
                    value: unit.unit_code,
                    label: `${unit.unit_code} – ${unit.unit_name_vi}`,
                  }))}
                />
              </Flex>
              {preview('vi')}
              {preview('en')}
            </section>
          </Col>
        </Row>
        {edited && chosen ? (
          <div>
            <Button
              onClick={() => save.mutate({ id: chosen.id, texts })}
              disabled={!sendable}
              loading={save.isPending}
            >
              {t('urging.saveTemplate', { name: chosen.name })}
            </Button>
          </div>
        ) : null}
        {save.isError ? <ProblemAlert error={save.error} /> : null}
        {urge.isError ? <ProblemAlert error={urge.error} /> : null}
      </Flex>
    </Modal>
  );
}
