import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import type { Role, Unit, UserAccount } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';

import { ALL_ROLES, USERNAME_PATTERN, needsUnit } from './role-rules';

export interface UserFormValues {
  username: string;
  full_name: string;
  email?: string | undefined;
  roles: Role[];
  unit_code?: string | undefined;
}

const FIELDS: readonly (keyof UserFormValues)[] = [
  'username',
  'full_name',
  'email',
  'roles',
  'unit_code',
];

/** The watched roles: undefined until the form holds a value, whatever antd's type says. */
function rolesOf(value: Role[] | undefined): Role[] {
  return value ?? [];
}

interface UserFormModalProps {
  open: boolean;
  /** The account edited; none: a new account. */
  user: UserAccount | null;
  units: readonly Unit[];
  saving: boolean;
  error: unknown;
  onSubmit: (values: UserFormValues) => void;
  onCancel: () => void;
}

/** Create an account, or change its name, e-mail, roles and unit. */
export function UserFormModal({
  open,
  user,
  units,
  saving,
  error,
  onSubmit,
  onCancel,
}: UserFormModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<UserFormValues>();
  const roles = rolesOf(Form.useWatch('roles', form));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        full_name: user.full_name,
        email: user.email ?? undefined,
        roles: [...user.roles],
        unit_code: user.unit_code ?? undefined,
      });
    }
  }, [open, user, form]);

  // The API names the fields at fault: show each under its field; the rest in the alert.
  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    const known = error.fieldErrors.filter((problem) =>
      FIELDS.includes(problem.field as keyof UserFormValues),
    );
    form.setFields(
      known.map((problem) => ({
        name: problem.field as keyof UserFormValues,
        errors: [problem.message],
      })),
    );
  }, [error, form]);

  const onlyFieldErrors =
    error instanceof ApiError &&
    error.fieldErrors.length > 0 &&
    error.fieldErrors.every((problem) => FIELDS.includes(problem.field as keyof UserFormValues));

  return (
    <Modal
      open={open}
      title={
        user ? t('adminUsers.editTitle', { username: user.username }) : t('adminUsers.createTitle')
      }
      okText={t('adminUsers.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
      closable={{ 'aria-label': t('common.close') }}
    >
      {error && !onlyFieldErrors ? <ProblemAlert error={error} className="form-alert" /> : null}
      <Form<UserFormValues>
        form={form}
        name="user"
        layout="vertical"
        requiredMark
        onFinish={onSubmit}
        disabled={saving}
      >
        <Form.Item
          label={t('adminUsers.username')}
          name="username"
          rules={[
            { required: true, whitespace: true, message: t('adminUsers.usernameRequired') },
            { pattern: USERNAME_PATTERN, message: t('adminUsers.usernameFormat') },
          ]}
        >
          <Input autoComplete="off" disabled={user !== null} />
        </Form.Item>
        <Form.Item
          label={t('adminUsers.fullName')}
          name="full_name"
          rules={[{ required: true, whitespace: true, message: t('adminUsers.fullNameRequired') }]}
        >
          <Input autoComplete="off" maxLength={255} />
        </Form.Item>
        <Form.Item
          label={t('adminUsers.email')}
          name="email"
          rules={[{ type: 'email', message: t('adminUsers.emailInvalid') }]}
        >
          <Input type="email" autoComplete="off" maxLength={255} />
        </Form.Item>
        <Form.Item
          label={t('adminUsers.roles')}
          name="roles"
          rules={[{ required: true, message: t('adminUsers.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            aria-label={t('adminUsers.roles')}
            options={ALL_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('adminUsers.unit')}
          name="unit_code"
          extra={needsUnit(roles) ? t('adminUsers.unitNeeded') : undefined}
          rules={[{ required: needsUnit(roles), message: t('adminUsers.unitNeeded') }]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('adminUsers.unit')}
            placeholder={t('adminUsers.noUnit')}
            options={units.map((unit) => ({
              value: unit.code,
              label: `${unit.code} – ${localized(language, unit.name_vi, unit.name_en)}`,
            }))}
          />
        </Form.Item>
        {user ? null : <Alert type="info" showIcon title={t('adminUsers.passwordNote')} />}
      </Form>
    </Modal>
  );
}
