import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { useRounds } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';

import { useAllUnits, useSuppliedElements } from '../api/clients';
import { ANY, expandScopes, mergeScopes, removeScope } from '../scopes';
import type { ScopeRow } from '../scopes';

interface ScopeEditorProps {
  /** The client's agency: its elements are offered. */
  unitCode: string;
  value: readonly ScopeRow[];
  onChange: (next: ScopeRow[]) => void;
}

const ANY_ROUND = 0;

/**
 * The client's scopes: pick elements (those the agency supplies in the active frameworks, or all),
 * units (or all) and optionally one round, add them, remove any pair.
 */
export function ScopeEditor({ unitCode, value, onChange }: ScopeEditorProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const supplied = useSuppliedElements(unitCode);
  const units = useAllUnits();
  const rounds = useRounds();
  const [elements, setElements] = useState<string[]>([]);
  const [unitCodes, setUnitCodes] = useState<string[]>([]);
  const [roundId, setRoundId] = useState<number>(ANY_ROUND);

  const elementNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const { element } of supplied.data ?? []) {
      names.set(element.code, localized(language, element.name_vi, element.name_en));
    }
    return names;
  }, [supplied.data, language]);
  const roundTitles = useMemo(() => {
    const titles = new Map<number, string>();
    for (const round of rounds.data?.items ?? []) {
      titles.set(round.id, localized(language, round.title_vi, round.title_en));
    }
    return titles;
  }, [rounds.data, language]);

  const elementOptions = [
    { value: ANY, label: t('adminClients.anyElement') },
    ...(supplied.data ?? []).map(({ element, frameworkCode }) => ({
      value: element.code,
      label: `${element.code} — ${localized(language, element.name_vi, element.name_en)} (${frameworkCode})`,
    })),
  ];
  const unitOptions = [
    { value: ANY, label: t('adminClients.anyUnit') },
    ...(units.data?.items ?? []).map((unit) => ({
      value: unit.code,
      label: `${unit.code} — ${localized(language, unit.name_vi, unit.name_en)}`,
    })),
  ];
  const roundOptions = [
    { value: ANY_ROUND, label: t('adminClients.anyRound') },
    ...(rounds.data?.items ?? []).map((round) => ({
      value: round.id,
      label: localized(language, round.title_vi, round.title_en),
    })),
  ];

  const add = () => {
    onChange(
      mergeScopes(value, expandScopes(elements, unitCodes, roundId === ANY_ROUND ? null : roundId)),
    );
    setElements([]);
    setUnitCodes([]);
  };

  const columns: TableProps<ScopeRow>['columns'] = [
    {
      key: 'element',
      title: t('adminClients.element'),
      render: (_, scope) =>
        scope.element_code === ANY ? (
          t('adminClients.anyElement')
        ) : (
          <>
            <Typography.Text code>{scope.element_code}</Typography.Text>{' '}
            {elementNames.get(scope.element_code) ?? ''}
          </>
        ),
    },
    {
      key: 'unit',
      title: t('adminClients.unit'),
      width: 160,
      render: (_, scope) => (scope.unit_code === ANY ? t('adminClients.anyUnit') : scope.unit_code),
    },
    {
      key: 'round',
      title: t('adminClients.round'),
      width: 260,
      render: (_, scope) =>
        scope.round_id === null
          ? t('adminClients.anyRound')
          : (roundTitles.get(scope.round_id) ?? `#${scope.round_id}`),
    },
    {
      key: 'remove',
      title: <span className="sr-only">{t('adminClients.removeScope')}</span>,
      width: 64,
      render: (_, scope) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('adminClients.removeScopeOf', {
            element: scope.element_code,
            unit: scope.unit_code,
          })}
          onClick={() => onChange(removeScope(value, scope.key))}
        />
      ),
    },
  ];

  return (
    <Card size="small" title={t('adminClients.scopes')}>
      <Typography.Paragraph type="secondary">{t('adminClients.scopesHelp')}</Typography.Paragraph>
      {supplied.isError ? <ProblemAlert error={supplied.error} /> : null}
      <Flex wrap gap="small" align="end" className="scope-picker">
        <Form.Item label={t('adminClients.elements')} className="scope-picker-field">
          <Select
            mode="multiple"
            allowClear
            aria-label={t('adminClients.elements')}
            placeholder={t('adminClients.pickElements')}
            loading={supplied.isLoading}
            options={elementOptions}
            value={elements}
            onChange={setElements}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={t('adminClients.noElements')}
          />
        </Form.Item>
        <Form.Item label={t('adminClients.units')} className="scope-picker-field">
          <Select
            mode="multiple"
            allowClear
            aria-label={t('adminClients.units')}
            placeholder={t('adminClients.pickUnits')}
            loading={units.isLoading}
            options={unitOptions}
            value={unitCodes}
            onChange={setUnitCodes}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label={t('adminClients.round')} className="scope-picker-round">
          <Select
            aria-label={t('adminClients.round')}
            options={roundOptions}
            value={roundId}
            onChange={setRoundId}
          />
        </Form.Item>
        <Form.Item>
          <Button
            icon={<PlusOutlined aria-hidden />}
            disabled={elements.length === 0 || unitCodes.length === 0}
            onClick={add}
          >
            {t('adminClients.addScopes')}
          </Button>
        </Form.Item>
      </Flex>
      <Table<ScopeRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={[...value]}
        locale={{ emptyText: t('adminClients.noScopes') }}
        pagination={value.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        aria-label={t('adminClients.scopes')}
      />
    </Card>
  );
}
