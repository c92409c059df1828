import { App, Button, Card, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError } from '@/api/errors';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { helpPath } from '@/config/paths';
import { formatDateTime } from '@/lib/format';

import type { ContactIn } from '../api/help';
import { useContact, useSetContact } from '../api/help';

const FIELDS = ['hotline', 'email', 'office_hours_vi', 'office_hours_en'] as const;
type Values = Record<(typeof FIELDS)[number], string | undefined>;

/** The support contact the help centre shows (admin): DIC's hotline, e-mail and office hours. */
export default function ContactSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const contact = useContact();
  const save = useSetContact({ onSuccess: () => void message.success(t('help.contact.saved')) });

  useEffect(() => {
    if (!contact.data) return;
    form.setFieldsValue({
      hotline: contact.data.hotline ?? undefined,
      email: contact.data.email ?? undefined,
      office_hours_vi: contact.data.office_hours_vi ?? undefined,
      office_hours_en: contact.data.office_hours_en ?? undefined,
    });
  }, [contact.data, form]);

  // The API names the fields at fault: each under its field, anything else in the alert.
  const error = save.error;
  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    form.setFields(
      error.fieldErrors
        .filter((problem) => (FIELDS as readonly string[]).includes(problem.field))
        .map((problem) => ({ name: problem.field as keyof Values, errors: [problem.message] })),
    );
  }, [error, form]);
  const onlyFieldErrors =
    error instanceof ApiError &&
    error.fieldErrors.length > 0 &&
    error.fieldErrors.every((problem) => (FIELDS as readonly string[]).includes(problem.field));

  function submit(values: Values) {
    const body: ContactIn = {
      hotline: values.hotline?.trim() || null,
      email: values.email?.trim() || null,
      office_hours_vi: values.office_hours_vi?.trim() || null,
      office_hours_en: values.office_hours_en?.trim() || null,
    };
    save.mutate(body);
  }

  return (
    <>
      <PageTitle description={t('help.contact.settingsIntro')}>
        {t('help.contact.settingsTitle')}
      </PageTitle>
      <Card className="help-contact-form">
        {contact.error ? <ProblemAlert error={contact.error} /> : null}
        {error && !onlyFieldErrors ? <ProblemAlert error={error} className="form-alert" /> : null}
        <Form<Values> form={form} name="help-contact" layout="vertical" onFinish={submit}>
          <Form.Item
            name="hotline"
            label={t('help.contact.hotline')}
            extra={t('help.contact.hotlineHelp')}
          >
            <Input maxLength={32} autoComplete="off" inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('help.contact.email')}>
            <Input maxLength={255} autoComplete="off" inputMode="email" />
          </Form.Item>
          <Form.Item name="office_hours_vi" label={t('help.contact.hoursVi')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="office_hours_en" label={t('help.contact.hoursEn')}>
            <Input maxLength={200} lang="en" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('help.contact.save')}
          </Button>
        </Form>
        {contact.data?.updated_at ? (
          <p className="help-contact-updated">
            {t('help.contact.updatedAt', { time: formatDateTime(contact.data.updated_at) })}
          </p>
        ) : null}
        <Link to={helpPath('contact')}>{t('help.contact.seeInHelp')}</Link>
      </Card>
    </>
  );
}
