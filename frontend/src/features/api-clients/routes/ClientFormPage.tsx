import { App, Button, Card, DatePicker, Flex, Form, Input, Select, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';

import { useAgencies, useClient, useCreateClient, useUpdateClient } from '../api/clients';
import '../api-clients.css';
import { ScopeEditor } from '../components/ScopeEditor';
import { SecretModal } from '../components/SecretModal';
import { CLIENT_ID_PATTERN, mergeScopes, toScopeBodies } from '../scopes';
import type { ApiClient, ScopeRow } from '../scopes';

interface FormValues {
  client_id: string;
  name: string;
  unit_code: string;
  expires_on: Dayjs | null;
}

/** The end of the chosen day, in the browser's time (the city's, for DIC). */
function expiry(day: Dayjs | null): string | null {
  return day ? day.endOf('day').toISOString() : null;
}

/** Create a client (its secret shown once) or change one: name, agency's scopes, expiry. */
export default function ClientFormPage() {
  const { clientId } = useParams();
  const { t } = useTranslation();
  const existing = useClient(clientId);
  if (clientId === undefined) return <ClientForm />;
  const title = t('adminClients.editTitle', { clientId });
  if (existing.isError) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <ProblemAlert error={existing.error} onRetry={() => void existing.refetch()} />
      </>
    );
  }
  if (!existing.data) return <Spin />;
  return <ClientForm key={existing.data.client_id} client={existing.data} />;
}

function ClientForm({ client: loaded }: { client?: ApiClient }) {
  const clientId = loaded?.client_id;
  const editing = loaded !== undefined;
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const unitCode = Form.useWatch('unit_code', form);
  const [scopes, setScopes] = useState<ScopeRow[]>(() => mergeScopes([], loaded?.scopes ?? []));
  const [secret, setSecret] = useState<{ clientId: string; secret: string } | null>(null);
  const agencies = useAgencies();

  const create = useCreateClient({
    onSuccess: (client) => setSecret({ clientId: client.client_id, secret: client.client_secret }),
  });
  const update = useUpdateClient(clientId ?? '', {
    onSuccess: async (client) => {
      void message.success(t('adminClients.saved', { clientId: client.client_id }));
      await navigate(PATHS.apiClients);
    },
  });
  const failed = editing ? update : create;

  const submit = (values: FormValues) => {
    const body = {
      name: values.name.trim(),
      scopes: toScopeBodies(scopes),
      expires_at: expiry(values.expires_on),
    };
    if (editing) update.mutate(body);
    else
      create.mutate({ ...body, client_id: values.client_id.trim(), unit_code: values.unit_code });
  };

  const title = loaded
    ? t('adminClients.editTitle', { clientId: loaded.client_id })
    : t('adminClients.createTitle');

  return (
    <>
      <PageTitle description={t('adminClients.formIntro')}>{title}</PageTitle>
      <Form<FormValues>
        form={form}
        layout="vertical"
        className="client-form"
        initialValues={{
          client_id: loaded?.client_id ?? '',
          name: loaded?.name ?? '',
          unit_code: loaded?.unit_code ?? undefined,
          expires_on: loaded?.expires_at ? dayjs(loaded.expires_at) : null,
        }}
        onFinish={submit}
        requiredMark
      >
        <Card size="small">
          <Flex wrap gap="middle">
            <Form.Item
              name="client_id"
              label={t('adminClients.clientId')}
              extra={t('adminClients.clientIdHelp')}
              rules={[
                { required: true, message: t('adminClients.required') },
                { min: 2, max: 64, message: t('adminClients.clientIdLength') },
                { pattern: CLIENT_ID_PATTERN, message: t('adminClients.clientIdPattern') },
              ]}
              style={{ flex: '1 1 240px' }}
            >
              <Input disabled={editing} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('adminClients.name')}
              rules={[
                { required: true, whitespace: true, message: t('adminClients.required') },
                { max: 255 },
              ]}
              style={{ flex: '2 1 360px' }}
            >
              <Input />
            </Form.Item>
          </Flex>
          <Flex wrap gap="middle">
            <Form.Item
              name="unit_code"
              label={t('adminClients.agency')}
              rules={[{ required: true, message: t('adminClients.required') }]}
              style={{ flex: '2 1 360px' }}
            >
              <Select
                disabled={editing}
                showSearch={{ optionFilterProp: 'label' }}
                loading={agencies.isLoading}
                placeholder={t('adminClients.pickAgency')}
                options={(agencies.data?.items ?? []).map((unit) => ({
                  value: unit.code,
                  label: `${unit.code} — ${localized(language, unit.name_vi, unit.name_en)}`,
                }))}
                onChange={() => setScopes([])}
              />
            </Form.Item>
            <Form.Item
              name="expires_on"
              label={t('adminClients.expiresOn')}
              extra={t('adminClients.expiresHelp')}
              style={{ flex: '1 1 240px' }}
            >
              <DatePicker
                format="L"
                allowClear
                disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Flex>
        </Card>
        {unitCode ? (
          <div className="client-form-scopes">
            <ScopeEditor unitCode={unitCode} value={scopes} onChange={setScopes} />
          </div>
        ) : null}
        {failed.isError ? <ProblemAlert error={failed.error} /> : null}
        <Space className="form-actions">
          <Button type="primary" htmlType="submit" loading={failed.isPending}>
            {editing ? t('adminClients.save') : t('adminClients.create')}
          </Button>
          <Link to={PATHS.apiClients}>{t('adminClients.backToList')}</Link>
        </Space>
      </Form>
      <SecretModal
        shown={secret}
        onClose={() => {
          setSecret(null);
          void navigate(PATHS.apiClients);
        }}
      />
    </>
  );
}
