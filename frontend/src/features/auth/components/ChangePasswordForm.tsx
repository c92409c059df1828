import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';

import type { PasswordChangeValues } from '../api/password';
import {
  DEFAULT_POLICY,
  localProblem,
  useChangePassword,
  usePasswordPolicy,
} from '../api/password';

interface FormValues extends PasswordChangeValues {
  confirm: string;
}

const FIELDS: readonly string[] = ['current_password', 'new_password'];

interface ChangePasswordFormProps {
  /** Signed in with a temporary password: the current one is that. */
  forced?: boolean;
  onChanged: () => void;
}

/** The current password, the new one twice; the rules shown, the API's verdict under each field. */
export function ChangePasswordForm({ forced = false, onChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const policy = usePasswordPolicy().data ?? DEFAULT_POLICY;
  const change = useChangePassword();

  const onFinish = ({ current_password, new_password }: FormValues) => {
    change.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          form.resetFields();
          onChanged();
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          form.setFields(
            error.fieldErrors
              .filter((problem) => FIELDS.includes(problem.field))
              .map((problem) => ({
                name: problem.field as keyof FormValues,
                errors: [problem.message],
              })),
          );
        },
      },
    );
  };

  const error = change.error;
  const fieldsOnly =
    error instanceof ApiError &&
    error.fieldErrors.length > 0 &&
    error.fieldErrors.every((problem) => FIELDS.includes(problem.field));

  return (
    <Form<FormValues>
      form={form}
      name="change-password"
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
      disabled={change.isPending}
      className="change-password-form"
    >
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title={t('profile.rules', { min: policy.min_length, max: policy.max_length })}
      />
      <Form.Item
        label={t(forced ? 'profile.currentTemporary' : 'profile.current')}
        name="current_password"
        rules={[{ required: true, message: t('profile.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('profile.new')}
        name="new_password"
        rules={[
          { required: true, message: t('profile.newRequired') },
          {
            validator: (_, value: string | undefined) => {
              const problem = value ? localProblem(value, policy) : null;
              return problem
                ? Promise.reject(
                    new Error(t(problem, { min: policy.min_length, max: policy.max_length })),
                  )
                : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('profile.confirm')}
        name="confirm"
        dependencies={['new_password']}
        rules={[
          { required: true, message: t('profile.newRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('new_password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('profile.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && !fieldsOnly ? <ProblemAlert className="form-alert" error={error} /> : null}
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('profile.submit')}
      </Button>
    </Form>
  );
}
