import { ClockCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';

import type { UnitDeadline } from '../api/admin-rounds';
import { fieldErrorsOf, useDeadlines, useSetDeadline } from '../api/admin-rounds';
import { formatCity, fromCityInput, toCityInput } from '../city-time';

const EXTENDABLE: readonly Round['phase'][] = ['draft', 'collecting', 'reviewing'];

/** Each unit's deadline in force, its extension and why; extensions added, changed or removed. */
export function DeadlinesCard({ round }: { round: Round }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const deadlines = useDeadlines(round.id);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<UnitDeadline | null>(null);
  const extendable = EXTENDABLE.includes(round.phase);
  const roundDeadline = round.schedule.collecting?.ends_at;

  const needle = search.trim().toLowerCase();
  const rows = (deadlines.data ?? []).filter(
    (unit) =>
      !needle ||
      unit.unit_code.toLowerCase().includes(needle) ||
      localized(language, unit.name_vi, unit.name_en).toLowerCase().includes(needle),
  );

  const columns: TableProps<UnitDeadline>['columns'] = [
    { key: 'code', title: t('adminRounds.participants.code'), dataIndex: 'unit_code', width: 120 },
    {
      key: 'name',
      title: t('adminRounds.participants.name'),
      render: (_, unit) => localized(language, unit.name_vi, unit.name_en),
    },
    {
      key: 'deadline',
      title: t('adminRounds.deadlines.deadline'),
      render: (_, unit) => (
        <Flex gap="small" wrap align="center">
          <span>{formatCity(unit.deadline) || '—'}</span>
          {unit.extended_until ? (
            <Tag color="blue">{t('adminRounds.deadlines.extended')}</Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'reason',
      title: t('adminRounds.deadlines.reason'),
      render: (_, unit) =>
        unit.reason ? (
          <>
            {unit.reason}
            <br />
            <Typography.Text type="secondary">
              {t('adminRounds.deadlines.setBy', {
                name: unit.set_by ?? '—',
                time: formatCity(unit.set_at),
              })}
            </Typography.Text>
          </>
        ) : null,
    },
  ];
  if (extendable) {
    columns.push({
      key: 'actions',
      title: t('adminRounds.list.actions'),
      width: 140,
      render: (_, unit) => (
        <Button
          size="small"
          icon={<ClockCircleOutlined aria-hidden />}
          aria-label={t('adminRounds.deadlines.extendOf', { unit: unit.unit_code })}
          onClick={() => setEditing(unit)}
        >
          {t('adminRounds.deadlines.extend')}
        </Button>
      ),
    });
  }

  return (
    <Card title={<h2 className="card-heading">{t('adminRounds.deadlines.title')}</h2>}>
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {roundDeadline
            ? t('adminRounds.deadlines.roundDeadline', { time: formatCity(roundDeadline) })
            : t('adminRounds.deadlines.noRoundDeadline')}
        </Typography.Paragraph>
        {extendable ? null : (
          <Alert type="info" showIcon title={t('adminRounds.deadlines.closed')} />
        )}
        <Input
          className="search-input"
          type="search"
          allowClear
          aria-label={t('adminRounds.deadlines.search')}
          placeholder={t('adminRounds.deadlines.search')}
          prefix={<SearchOutlined aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {deadlines.isError ? (
          <ProblemAlert error={deadlines.error} onRetry={() => void deadlines.refetch()} />
        ) : null}
        <Table<UnitDeadline>
          rowKey="unit_code"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={deadlines.isPending}
          pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        />
      </Flex>
      {editing ? (
        <ExtendModal roundId={round.id} unit={editing} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

interface ExtendModalProps {
  roundId: number;
  unit: UnitDeadline;
  onClose: () => void;
}

function ExtendModal({ roundId, unit, onClose }: ExtendModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [until, setUntil] = useState(toCityInput(unit.extended_until));
  const [reason, setReason] = useState('');
  const save = useSetDeadline(roundId, {
    onSuccess: (saved) => {
      void message.success(
        saved.extended_until
          ? t('adminRounds.deadlines.saved', {
              unit: saved.unit_code,
              time: formatCity(saved.extended_until),
            })
          : t('adminRounds.deadlines.removed', { unit: saved.unit_code }),
      );
      onClose();
    },
  });
  const at = fromCityInput(until);
  const fieldError = (field: string) =>
    fieldErrorsOf(save.error).find((error) => error.field === field)?.message;

  return (
    <Modal
      open
      title={t('adminRounds.deadlines.modalTitle', {
        unit: `${localized(language, unit.name_vi, unit.name_en)} (${unit.unit_code})`,
      })}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>,
        unit.extended_until ? (
          <Button
            key="reset"
            danger
            disabled={!reason.trim()}
            loading={save.isPending}
            onClick={() =>
              save.mutate({ unitCode: unit.unit_code, deadlineAt: null, reason: reason.trim() })
            }
          >
            {t('adminRounds.deadlines.reset')}
          </Button>
        ) : null,
        <Button
          key="save"
          type="primary"
          disabled={!at || !reason.trim()}
          loading={save.isPending}
          onClick={() =>
            save.mutate({ unitCode: unit.unit_code, deadlineAt: at, reason: reason.trim() })
          }
        >
          {t('adminRounds.deadlines.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Typography.Paragraph>
          {t('adminRounds.deadlines.current', { time: formatCity(unit.deadline) || '—' })}
        </Typography.Paragraph>
        <Form.Item
          label={t('adminRounds.deadlines.newDeadline')}
          htmlFor="extension-until"
          validateStatus={fieldError('deadline_at') ? 'error' : undefined}
          help={fieldError('deadline_at')}
        >
          <Input
            id="extension-until"
            type="datetime-local"
            value={until}
            onChange={(event) => setUntil(event.target.value)}
          />
        </Form.Item>
        <Form.Item
          label={t('adminRounds.deadlines.reasonLabel')}
          htmlFor="extension-reason"
          extra={t('adminRounds.deadlines.reasonHelp')}
          validateStatus={fieldError('reason') ? 'error' : undefined}
          help={fieldError('reason')}
        >
          <Input.TextArea
            id="extension-reason"
            rows={3}
            maxLength={1000}
            showCount
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </Form.Item>
        {save.isError && fieldErrorsOf(save.error).length === 0 ? (
          <ProblemAlert error={save.error} />
        ) : null}
      </Form>
    </Modal>
  );
}
