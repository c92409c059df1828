import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import type { SignOutReason } from '@/api/session';
import { ProblemAlert } from '@/components/ProblemAlert';

import type { Credentials } from '../api/session';
import { useSignIn } from '../api/session';

const FORM_FIELDS: readonly string[] = ['username', 'password'];

interface SignInFormProps {
  /** Why the user is here again, if a session just ended. */
  reason: SignOutReason;
}

/** Username and password; on success the session turns signed-in and the page moves on. */
export function SignInForm({ reason }: SignInFormProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Credentials>();
  const signIn = useSignIn();
  const { reset } = signIn;

  // The API's message is in the language it was asked in: drop it when the language changes.
  useEffect(() => {
    reset();
  }, [i18n.language, reset]);

  const onFinish = (values: Credentials) => {
    signIn.mutate(values, {
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        const known = error.fieldErrors.filter((problem) => FORM_FIELDS.includes(problem.field));
        form.setFields(
          known.map((problem) => ({
            name: problem.field as keyof Credentials,
            errors: [problem.message],
          })),
        );
      },
    });
  };

  const error = signIn.error;
  // Field messages sit under their fields; the alert carries the rest (e.g. a wrong password).
  const showAlert =
    error !== null &&
    !(
      error instanceof ApiError &&
      error.fieldErrors.length > 0 &&
      error.fieldErrors.every((problem) => FORM_FIELDS.includes(problem.field))
    );

  return (
    <Form<Credentials>
      form={form}
      name="sign-in"
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
      disabled={signIn.isPending}
    >
      {reason === 'expired' && !error ? (
        <Alert className="form-alert" type="warning" showIcon title={t('auth.sessionExpired')} />
      ) : null}
      {reason === 'signed_out' && !error ? (
        <Alert className="form-alert" type="success" showIcon title={t('auth.signedOut')} />
      ) : null}
      <Form.Item
        label={t('auth.username')}
        name="username"
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoFocus
          size="large"
        />
      </Form.Item>
      <Form.Item
        label={t('auth.password')}
        name="password"
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          autoComplete="current-password"
          size="large"
        />
      </Form.Item>
      {showAlert ? <ProblemAlert className="form-alert" error={error} /> : null}
      <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
        {t('auth.submit')}
      </Button>
    </Form>
  );
}
