import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';

import { downloadEvents, useAuditEvents, useAuditFacets, useVerifyChain } from '../api/audit';
import type { AuditEvent, AuditFilter } from '../api/audit';
import '../audit.css';
import { EventDiff } from '../components/EventDiff';
import { ObjectTimeline } from '../components/ObjectTimeline';

interface FilterValues {
  actor?: string;
  action?: string;
  object_type?: string;
  object_id?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilter(values: FilterValues): AuditFilter {
  const [from, to] = values.range ?? [null, null];
  return {
    actor: values.actor?.trim() || undefined,
    action: values.action || undefined,
    objectType: values.object_type || undefined,
    objectId: values.object_id?.trim() || undefined,
    since: from ? from.toISOString() : undefined,
    until: to ? to.toISOString() : undefined,
  };
}

/** The audit trail: filters, a page of events with what each changed, an object's timeline, the
 * CSV export of what is filtered, and the verification of the chain. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [object, setObject] = useState<{ type: string; id: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  const facets = useAuditFacets();
  const events = useAuditEvents(filter, (page - 1) * pageSize, pageSize);
  const verify = useVerifyChain({
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadEvents(filter);
    } catch (error) {
      void message.error(problemMessage(error, t));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<AuditEvent>['columns'] = [
    { key: 'id', title: '#', dataIndex: 'id', width: 80 },
    {
      key: 'at',
      title: t('adminAudit.at'),
      width: 170,
      render: (_, event) => formatDateTime(event.at),
    },
    {
      key: 'actor',
      title: t('adminAudit.actor'),
      width: 180,
      render: (_, event) => (
        <>
          {event.actor}{' '}
          {event.actor_kind === 'user' ? null : (
            <Typography.Text type="secondary">({event.actor_kind})</Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'action',
      title: t('adminAudit.action'),
      width: 200,
      render: (_, event) => <Tag>{event.action}</Tag>,
    },
    {
      key: 'object',
      title: t('adminAudit.object'),
      render: (_, event) => (
        <Button
          type="link"
          className="audit-object-link"
          aria-label={t('adminAudit.openTimeline', {
            type: event.object_type,
            id: event.object_id,
          })}
          onClick={() => setObject({ type: event.object_type, id: event.object_id })}
        >
          {event.object_type} / {event.object_id}
        </Button>
      ),
    },
    {
      key: 'request',
      title: t('adminAudit.requestId'),
      width: 150,
      render: (_, event) =>
        event.request_id ? (
          <Typography.Text code ellipsis={{ tooltip: event.request_id }}>
            {event.request_id}
          </Typography.Text>
        ) : null,
    },
  ];

  const result = verify.data;
  return (
    <>
      <PageTitle
        description={t('adminAudit.intro')}
        extra={
          <Space wrap>
            <Button
              icon={<SafetyCertificateOutlined aria-hidden />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              {t('adminAudit.verify')}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting}
              onClick={() => void exportCsv()}
            >
              {t('adminAudit.exportCsv')}
            </Button>
          </Space>
        }
      >
        {t('adminAudit.title')}
      </PageTitle>
      {result ? (
        <Alert
          className="audit-verify"
          role="status"
          showIcon
          type={result.ok ? 'success' : 'error'}
          title={
            result.ok
              ? t('adminAudit.verifyOk', {
                  checked: result.checked,
                  anchors: result.anchors_checked,
                })
              : t('adminAudit.verifyBroken', {
                  id: result.first_broken_id ?? '—',
                  checked: result.checked,
                })
          }
          description={
            result.ok || !result.reason ? undefined : t(`adminAudit.reason_${result.reason}`)
          }
        />
      ) : null}
      <Form<FilterValues>
        form={form}
        layout="vertical"
        className="audit-filters"
        onFinish={(values) => {
          setFilter(toFilter(values));
          setPage(1);
        }}
      >
        <Flex wrap gap="small" align="end">
          <Form.Item name="actor" label={t('adminAudit.actor')} style={{ flex: '1 1 160px' }}>
            <AutoComplete
              allowClear
              options={(facets.data?.actors ?? []).map((value) => ({ value }))}
              showSearch={{
                filterOption: (input, option) =>
                  (option?.value ?? '').toLowerCase().includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
          <Form.Item name="action" label={t('adminAudit.action')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              showSearch
              placeholder={t('adminAudit.anyAction')}
              options={(facets.data?.actions ?? []).map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item
            name="object_type"
            label={t('adminAudit.objectType')}
            style={{ flex: '1 1 160px' }}
          >
            <Select
              allowClear
              showSearch
              placeholder={t('adminAudit.anyObjectType')}
              options={(facets.data?.object_types ?? []).map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item
            name="object_id"
            label={t('adminAudit.objectId')}
            style={{ flex: '1 1 140px' }}
          >
            <Input allowClear />
          </Form.Item>
          <Form.Item name="range" label={t('adminAudit.timeRange')} style={{ flex: '2 1 320px' }}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="L HH:mm"
              allowEmpty={[true, true]}
              aria-label={t('adminAudit.timeRange')}
              placeholder={[t('adminAudit.from'), t('adminAudit.to')]}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('adminAudit.apply')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                  setPage(1);
                }}
              >
                {t('adminAudit.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Flex>
      </Form>
      {events.isError ? (
        <ProblemAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={events.data?.items ?? []}
          loading={events.isFetching}
          locale={{ emptyText: t('adminAudit.empty') }}
          expandable={{
            expandedRowRender: (event) => <EventDiff before={event.before} after={event.after} />,
            expandIcon: ({ expanded, onExpand, record }) => (
              <Button
                size="small"
                type="text"
                aria-expanded={expanded}
                aria-label={t(expanded ? 'adminAudit.hideDiff' : 'adminAudit.showDiff', {
                  id: record.id,
                })}
                onClick={(event) => onExpand(record, event)}
              >
                {expanded ? '−' : '+'}
              </Button>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (count) => t('adminAudit.total', { count }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          scroll={{ x: 1000 }}
        />
      )}
      <ObjectTimeline object={object} onClose={() => setObject(null)} />
    </>
  );
}
