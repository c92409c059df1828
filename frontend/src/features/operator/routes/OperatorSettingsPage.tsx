import { App, Button, Card, DatePicker, Form, Input, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/format';

import type { Operator } from '../api/operator';
import { useOperator, useSaveOperator } from '../api/operator';

interface FormValues {
  name_vi: string;
  name_en: string;
  short_name_vi: string;
  short_name_en: string;
  since: Dayjs | null;
}

const FIELDS: readonly (keyof FormValues)[] = [
  'name_vi',
  'name_en',
  'short_name_vi',
  'short_name_en',
  'since',
];

/** Cơ quan vận hành (admin): the department named on every page, e-mail and document. */
export default function OperatorSettingsPage() {
  const { t } = useTranslation();
  const operator = useOperator();
  return (
    <>
      <PageTitle description={t('cityUnits.operator.description')}>
        {t('cityUnits.operator.title')}
      </PageTitle>
      {operator.isError ? (
        <ProblemAlert error={operator.error} onRetry={() => void operator.refetch()} />
      ) : operator.data ? (
        <OperatorForm operator={operator.data} />
      ) : (
        <Spin />
      )}
    </>
  );
}

function OperatorForm({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveOperator({
    onSuccess: () => void message.success(t('cityUnits.operator.saved')),
  });

  // The API names the fields at fault: show each under its field; the rest in the alert.
  useEffect(() => {
    if (!(save.error instanceof ApiError)) return;
    form.setFields(
      save.error.fieldErrors
        .filter((problem) => FIELDS.includes(problem.field as keyof FormValues))
        .map((problem) => ({ name: problem.field as keyof FormValues, errors: [problem.message] })),
    );
  }, [save.error, form]);
  const onlyFieldErrors =
    save.error instanceof ApiError &&
    save.error.fieldErrors.length > 0 &&
    save.error.fieldErrors.every((problem) => FIELDS.includes(problem.field as keyof FormValues));

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Card>
      <Typography.Paragraph>
        {operator.is_default ? (
          <Tag>{t('cityUnits.operator.default')}</Tag>
        ) : (
          t('cityUnits.operator.updated', {
            by: operator.updated_by,
            at: operator.updated_at ? formatDateTime(operator.updated_at) : '',
          })
        )}
      </Typography.Paragraph>
      {save.error && !onlyFieldErrors ? (
        <ProblemAlert error={save.error} className="form-alert" />
      ) : null}
      <Form<FormValues>
        form={form}
        name="operator"
        layout="vertical"
        requiredMark
        disabled={save.isPending}
        initialValues={{
          name_vi: operator.name_vi,
          name_en: operator.name_en,
          short_name_vi: operator.short_name_vi,
          short_name_en: operator.short_name_en,
          since: operator.since ? dayjs(operator.since) : null,
        }}
        onFinish={(values) =>
          save.mutate({
            name_vi: values.name_vi.trim(),
            name_en: values.name_en.trim(),
            short_name_vi: values.short_name_vi.trim(),
            short_name_en: values.short_name_en.trim(),
            since: values.since ? values.since.format('YYYY-MM-DD') : null,
          })
        }
      >
        <Form.Item
          label={t('cityUnits.operator.nameVi')}
          name="name_vi"
          rules={required(t('cityUnits.operator.required'))}
        >
          <Input maxLength={255} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('cityUnits.operator.nameEn')}
          name="name_en"
          rules={required(t('cityUnits.operator.required'))}
        >
          <Input maxLength={255} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('cityUnits.operator.shortVi')}
          name="short_name_vi"
          extra={t('cityUnits.operator.shortHelp')}
          rules={required(t('cityUnits.operator.required'))}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('cityUnits.operator.shortEn')}
          name="short_name_en"
          rules={required(t('cityUnits.operator.required'))}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('cityUnits.operator.since')} name="since">
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            aria-label={t('cityUnits.operator.since')}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {t('cityUnits.operator.history')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('cityUnits.operator.save')}
        </Button>
      </Form>
    </Card>
  );
}
