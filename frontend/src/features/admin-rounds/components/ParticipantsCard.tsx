import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Popconfirm, Select, Table } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useUnits } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import type { Participant } from '../api/admin-rounds';
import { useAddParticipants, useParticipants, useRemoveParticipant } from '../api/admin-rounds';

/** The units taking part: added and removed while the round is a draft, fixed after. */
export function ParticipantsCard({ round }: { round: Round }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const participants = useParticipants(round.id);
  const editable = round.phase === 'draft';
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [adding, setAdding] = useState<string[]>([]);
  const candidates = useUnits({ q: q || undefined, offset: 0, limit: 50 });
  const add = useAddParticipants(round.id, {
    onSuccess: () => {
      void message.success(t('adminRounds.participants.added', { count: adding.length }));
      setAdding([]);
    },
  });
  const remove = useRemoveParticipant(round.id);
  const taking = new Set((participants.data ?? []).map((unit) => unit.unit_code));

  const columns: TableProps<Participant>['columns'] = [
    { key: 'code', title: t('adminRounds.participants.code'), dataIndex: 'unit_code', width: 130 },
    {
      key: 'name',
      title: t('adminRounds.participants.name'),
      render: (_, unit) => localized(language, unit.name_vi, unit.name_en),
    },
    { key: 'group', title: t('adminRounds.participants.group'), dataIndex: 'group', width: 100 },
  ];
  if (editable) {
    columns.push({
      key: 'remove',
      title: t('adminRounds.list.actions'),
      width: 120,
      render: (_, unit) => (
        <Popconfirm
          title={t('adminRounds.participants.removeConfirm', { unit: unit.unit_code })}
          okText={t('adminRounds.participants.remove')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove.mutate(unit.unit_code)}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('adminRounds.participants.removeOf', { unit: unit.unit_code })}
          >
            {t('adminRounds.participants.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      title={
        <h2 className="card-heading">
          {t('adminRounds.participants.title', { count: participants.data?.length ?? 0 })}
        </h2>
      }
    >
      <Flex vertical gap="middle">
        {editable ? (
          <Form layout="vertical" component="div">
            <Form.Item label={t('adminRounds.participants.addLabel')} htmlFor="participants-add">
              <Flex gap="small" wrap>
                <Select<string[]>
                  id="participants-add"
                  mode="multiple"
                  style={{ minWidth: 320, flex: 1 }}
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  value={adding}
                  onChange={setAdding}
                  loading={candidates.isFetching}
                  options={(candidates.data?.items ?? [])
                    .filter((unit) => !taking.has(unit.code))
                    .map((unit) => ({
                      value: unit.code,
                      label: `${unit.code} — ${localized(language, unit.name_vi, unit.name_en)}`,
                    }))}
                />
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  disabled={adding.length === 0}
                  loading={add.isPending}
                  onClick={() => add.mutate(adding)}
                >
                  {t('adminRounds.participants.add')}
                </Button>
              </Flex>
            </Form.Item>
          </Form>
        ) : (
          <Alert type="info" showIcon title={t('adminRounds.participants.locked')} />
        )}
        {add.isError ? <ProblemAlert error={add.error} /> : null}
        {remove.isError ? <ProblemAlert error={remove.error} /> : null}
        {participants.isError ? (
          <ProblemAlert error={participants.error} onRetry={() => void participants.refetch()} />
        ) : null}
        <Table<Participant>
          rowKey="unit_code"
          size="small"
          columns={columns}
          dataSource={participants.data ?? []}
          loading={participants.isPending}
          pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        />
      </Flex>
    </Card>
  );
}
