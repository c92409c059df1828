import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import type { FieldMessages } from '../checks';
import type { ElementDoc } from '../document';

interface ElementsPanelProps {
  elements: readonly ElementDoc[];
  /** The criteria that read each element, by element code. */
  usedBy: ReadonlyMap<string, string[]>;
  errors: ReadonlyMap<string, FieldMessages>;
  onEdit: (element: ElementDoc) => void;
  onRemove: (code: string) => void;
  onAdd: () => void;
}

/** The framework's data elements (chỉ tiêu số liệu): what each indicator reads. */
export function ElementsPanel({
  elements,
  usedBy,
  errors,
  onEdit,
  onRemove,
  onAdd,
}: ElementsPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: TableColumnsType<ElementDoc> = [
    { title: t('frameworkEditor.element.code'), dataIndex: 'code', width: 140 },
    {
      title: t('frameworkEditor.element.name'),
      key: 'name',
      render: (_, element) => (
        <>
          {localized(language, element.name_vi, element.name_en)}
          {Object.entries(errors.get(element.code) ?? {}).map(([field, message]) => (
            <Typography.Paragraph key={field} type="danger" className="element-error">
              {field ? `${field}: ` : ''}
              {message}
            </Typography.Paragraph>
          ))}
        </>
      ),
    },
    {
      title: t('frameworkEditor.element.valueType'),
      key: 'type',
      width: 140,
      render: (_, element) => t(`frameworkEditor.valueTypes.${element.value_type}`),
    },
    {
      title: t('frameworkEditor.element.source'),
      key: 'source',
      width: 200,
      render: (_, element) =>
        element.source === 'provider' ? (
          <Tag>{element.provider_code}</Tag>
        ) : (
          t(`frameworkEditor.sources.${element.source}`)
        ),
    },
    {
      title: t('frameworkEditor.element.usedBy'),
      key: 'used',
      width: 160,
      render: (_, element) => (usedBy.get(element.code) ?? []).join(', ') || '—',
    },
    {
      title: t('frameworkEditor.element.actions'),
      key: 'actions',
      width: 110,
      render: (_, element) => {
        const used = (usedBy.get(element.code) ?? []).length > 0;
        return (
          <Space>
            <Button
              size="small"
              icon={<EditOutlined aria-hidden />}
              aria-label={t('frameworkEditor.element.edit', { code: element.code })}
              onClick={() => onEdit(element)}
            />
            <Popconfirm
              title={t('frameworkEditor.element.removeTitle', { code: element.code })}
              okText={t('frameworkEditor.tree.remove')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => onRemove(element.code)}
              disabled={used}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('frameworkEditor.element.remove', { code: element.code })}
                title={used ? t('frameworkEditor.element.inUse') : undefined}
                disabled={used}
              />
            </Popconfirm>
          </Space>
        );
      },
    },
  ];
  return (
    <section aria-label={t('frameworkEditor.tabs.elements', { count: elements.length })}>
      <Flex justify="flex-end" className="toolbar">
        <Button icon={<PlusOutlined aria-hidden />} onClick={onAdd}>
          {t('frameworkEditor.element.add')}
        </Button>
      </Flex>
      <Table<ElementDoc>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={[...elements]}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
    </section>
  );
}
