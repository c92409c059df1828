import { Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Unit, UnitGroup } from '@/api/types';
import { unitPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import { unitKindLabel } from '../unit-kinds';

interface UnitsTableProps {
  units: readonly Unit[];
  groups: readonly UnitGroup[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  /** Where a unit's self-assessment is read, when the user may (else no column). */
  assessmentLink?: ((unit: Unit) => string | null) | undefined;
}

export function UnitsTable({
  units,
  groups,
  total,
  page,
  pageSize,
  loading,
  onPageChange,
  assessmentLink,
}: UnitsTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groupName = (code: string) => {
    const group = groups.find((candidate) => candidate.code === code);
    return group ? localized(language, group.name_vi, group.name_en) : code;
  };

  const columns: TableProps<Unit>['columns'] = [
    {
      key: 'code',
      title: t('units.code'),
      width: 120,
      render: (_, unit) => <Link to={unitPath(unit.code)}>{unit.code}</Link>,
    },
    {
      key: 'name',
      title: t('units.name'),
      render: (_, unit) => (
        <>
          {localized(language, unit.name_vi, unit.name_en)}
          {unit.unverified ? (
            <Tag className="unit-unverified" title={t('cityUnits.unit.unverifiedHelp')}>
              {t('cityUnits.unit.unverified')}
            </Tag>
          ) : null}
        </>
      ),
    },
    {
      key: 'kind',
      title: t('units.kind'),
      render: (_, unit) => unitKindLabel(unit.kind, t),
      width: 200,
    },
    {
      key: 'groups',
      title: t('units.groups'),
      width: 260,
      render: (_, unit) =>
        unit.groups.map((code) => (
          <Tag key={code} title={groupName(code)}>
            {code}
          </Tag>
        )),
    },
    {
      key: 'validity',
      title: t('units.validity'),
      width: 200,
      render: (_, unit) => {
        const from = formatDate(unit.valid_from);
        const to = formatDate(unit.valid_to);
        if (from && to) return t('units.validRange', { from, to });
        if (from) return t('units.validSince', { from });
        if (to) return t('units.validUntil', { to });
        return t('units.validAlways');
      },
    },
  ];
  if (assessmentLink) {
    columns.push({
      key: 'assessment',
      title: t('units.assessment'),
      width: 140,
      render: (_, unit) => {
        const to = assessmentLink(unit);
        return to ? (
          <Link to={to} aria-label={t('units.openAssessment', { unit: unit.code })}>
            {t('units.assessmentLink')}
          </Link>
        ) : null;
      },
    });
  }

  return (
    <Table<Unit>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={[...units]}
      loading={loading}
      locale={{ emptyText: t('units.empty') }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (count) => t('units.total', { count }),
        onChange: onPageChange,
      }}
      scroll={{ x: 800 }}
    />
  );
}
