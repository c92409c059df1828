import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Table } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import type { UnitGroup } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';

import { useCreateGroup, useDeleteGroup, useUpdateGroup } from '../api/admin';
import { useUnitGroups } from '../api/units';

interface GroupValues {
  code: string;
  name_vi: string;
  name_en: string;
  sort_order: number;
}

function GroupModal({
  open,
  group,
  onClose,
}: {
  open: boolean;
  group: UnitGroup | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupValues>();
  const create = useCreateGroup();
  const update = useUpdateGroup();
  const error = create.error ?? update.error;

  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
    form.setFieldsValue(group ?? { code: '', name_vi: '', name_en: '', sort_order: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, group]);

  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    form.setFields(
      error.fieldErrors
        .filter((problem) => ['code', 'name_vi', 'name_en', 'sort_order'].includes(problem.field))
        .map((problem) => ({
          name: problem.field as keyof GroupValues,
          errors: [problem.message],
        })),
    );
  }, [error, form]);

  const submit = (values: GroupValues) => {
    const body = {
      name_vi: values.name_vi.trim(),
      name_en: values.name_en.trim(),
      sort_order: values.sort_order,
    };
    if (group) update.mutate({ code: group.code, body }, { onSuccess: onClose });
    else create.mutate({ ...body, code: values.code.trim() }, { onSuccess: onClose });
  };

  return (
    <Modal
      open={open}
      title={
        group
          ? t('adminUnits.groups.editTitle', { code: group.code })
          : t('adminUnits.groups.newTitle')
      }
      okText={t('adminUnits.form.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<GroupValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="code"
          label={t('adminUnits.fields.code')}
          rules={[
            { required: true, message: t('adminUnits.form.required') },
            { pattern: /^[A-Z0-9][A-Z0-9._-]*$/, message: t('adminUnits.form.codePattern') },
          ]}
        >
          <Input disabled={Boolean(group)} maxLength={32} />
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
        <Form.Item name="sort_order" label={t('adminUnits.groups.sortOrder')}>
          <InputNumber precision={0} />
        </Form.Item>
      </Form>
      {error && !(error instanceof ApiError && error.fieldErrors.length > 0) ? (
        <ProblemAlert error={error} />
      ) : null}
    </Modal>
  );
}

/** The ranking groups (nhóm xếp hạng): create, rename, reorder, delete an unused one. */
export default function UnitGroupsPage() {
  const { t } = useTranslation();
  const groups = useUnitGroups();
  const remove = useDeleteGroup();
  const [editing, setEditing] = useState<UnitGroup | null | undefined>(undefined);

  const columns: TableProps<UnitGroup>['columns'] = [
    { key: 'code', title: t('adminUnits.fields.code'), dataIndex: 'code', width: 120 },
    { key: 'name_vi', title: t('adminUnits.fields.nameVi'), dataIndex: 'name_vi' },
    { key: 'name_en', title: t('adminUnits.fields.nameEn'), dataIndex: 'name_en' },
    { key: 'sort', title: t('adminUnits.groups.sortOrder'), dataIndex: 'sort_order', width: 110 },
    { key: 'count', title: t('adminUnits.groups.units'), dataIndex: 'unit_count', width: 110 },
    {
      key: 'actions',
      title: t('adminUnits.actions.title'),
      width: 190,
      render: (_, group) => (
        <Space size="small">
          <Button
            size="small"
            aria-label={t('adminUnits.groups.editGroup', { code: group.code })}
            onClick={() => setEditing(group)}
          >
            {t('adminUnits.actions.edit')}
          </Button>
          <Popconfirm
            title={t('adminUnits.groups.deleteConfirm', { code: group.code })}
            okText={t('adminUnits.groups.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutate(group.code)}
          >
            <Button
              size="small"
              danger
              aria-label={t('adminUnits.groups.deleteGroup', { code: group.code })}
            >
              {t('adminUnits.groups.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex className="toolbar" justify="flex-end">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
          {t('adminUnits.groups.new')}
        </Button>
      </Flex>
      {groups.isError ? (
        <ProblemAlert error={groups.error} onRetry={() => void groups.refetch()} />
      ) : (
        <Table<UnitGroup>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={groups.data ?? []}
          loading={groups.isFetching}
          pagination={false}
          scroll={{ x: 760 }}
        />
      )}
      <GroupModal
        open={editing !== undefined}
        group={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
