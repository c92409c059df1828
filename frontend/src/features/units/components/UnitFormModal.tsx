import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import type { Unit } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';

import { useCreateUnit, useUpdateUnit } from '../api/admin';
import type { UnitKind } from '../api/admin';
import { useUnitGroups } from '../api/units';
import { UNIT_KINDS, unitKindLabel } from '../unit-kinds';
import { UnitSelect } from './UnitSelect';

interface Values {
  code: string;
  name_vi: string;
  name_en: string;
  kind: UnitKind;
  parent_code?: string | null;
  groups: string[];
  valid_from?: string;
  is_provider: boolean;
}

interface UnitFormModalProps {
  open: boolean;
  /** The unit to edit; none to create one. */
  unit?: Unit | undefined;
  onClose: () => void;
  onSaved?: (unit: Unit) => void;
}

/** Create a unit, or edit one's names, kind, parent, groups and first day (admin). */
export function UnitFormModal({ open, unit, onClose, onSaved }: UnitFormModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const groups = useUnitGroups();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
    form.setFieldsValue(
      unit
        ? {
            code: unit.code,
            name_vi: unit.name_vi,
            name_en: unit.name_en,
            kind: unit.kind as UnitKind,
            parent_code: unit.parent_code,
            groups: unit.groups,
            valid_from: unit.valid_from ?? '',
            is_provider: unit.is_provider,
          }
        : { code: '', name_vi: '', name_en: '', groups: [], valid_from: '', is_provider: false },
    );
    // Reset only when the dialog opens or its unit changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, unit]);

  // The API's field problems beside their fields.
  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    const known = new Set(['code', 'name_vi', 'name_en', 'kind', 'parent_code', 'valid_from']);
    form.setFields(
      error.fieldErrors
        .filter((problem) => known.has(problem.field.split('[')[0] ?? ''))
        .map((problem) => ({
          name: problem.field.split('[')[0] as keyof Values,
          errors: [problem.message],
        })),
    );
  }, [error, form]);

  const submit = (values: Values) => {
    const common = {
      name_vi: values.name_vi.trim(),
      name_en: values.name_en.trim(),
      kind: values.kind,
      parent_code: values.parent_code || null,
      groups: values.groups,
      valid_from: values.valid_from || null,
      is_provider: values.is_provider,
    };
    const done = (saved: Unit) => {
      onSaved?.(saved);
      onClose();
    };
    if (unit)
      update.mutate(
        { code: unit.code, body: { ...common, confirm_rounds: false } },
        { onSuccess: done },
      );
    else
      create.mutate({ ...common, code: values.code.trim(), predecessors: [] }, { onSuccess: done });
  };

  return (
    <Modal
      open={open}
      title={
        unit ? t('adminUnits.form.editTitle', { code: unit.code }) : t('adminUnits.form.newTitle')
      }
      okText={t('adminUnits.form.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="code"
          label={t('adminUnits.fields.code')}
          extra={unit ? undefined : t('adminUnits.form.codeHelp')}
          rules={[
            { required: true, message: t('adminUnits.form.required') },
            { pattern: /^[A-Z0-9][A-Z0-9._-]*$/, message: t('adminUnits.form.codePattern') },
            { max: 32 },
          ]}
        >
          <Input disabled={Boolean(unit)} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name_vi"
          label={t('adminUnits.fields.nameVi')}
          rules={[{ required: true, whitespace: true, message: t('adminUnits.form.required') }]}
        >
          <Input maxLength={255} />
        </Form.Item>
        <Form.Item
          name="name_en"
          label={t('adminUnits.fields.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('adminUnits.form.required') }]}
        >
          <Input maxLength={255} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('adminUnits.fields.kind')}
          rules={[{ required: true, message: t('adminUnits.form.required') }]}
        >
          <Select
            options={UNIT_KINDS.map((kind) => ({ value: kind, label: unitKindLabel(kind, t) }))}
          />
        </Form.Item>
        <Form.Item name="parent_code" label={t('adminUnits.fields.parent')}>
          <UnitSelect
            allowClear
            ariaLabel={t('adminUnits.fields.parent')}
            exclude={unit ? [unit.code] : []}
          />
        </Form.Item>
        <Form.Item name="groups" label={t('adminUnits.fields.groups')}>
          <Select
            mode="multiple"
            loading={groups.isPending}
            options={(groups.data ?? []).map((group) => ({
              value: group.code,
              label: `${group.code} – ${localized(language, group.name_vi, group.name_en)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="valid_from" label={t('adminUnits.fields.validFrom')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="is_provider" valuePropName="checked">
          <Checkbox>{t('adminUnits.fields.isProvider')}</Checkbox>
        </Form.Item>
      </Form>
      {error ? (
        error instanceof ApiError && error.fieldErrors.length > 0 ? (
          <Alert type="error" showIcon role="alert" title={error.problem?.detail} />
        ) : (
          <ProblemAlert error={error} />
        )
      ) : null}
    </Modal>
  );
}
