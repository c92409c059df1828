import { SearchOutlined } from '@ant-design/icons';
import { Flex, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { assessmentPath } from '@/config/paths';
import { ASSESSMENT_READER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useUnitGroups, useUnits } from '../api/units';
import { UnitsTable } from '../components/UnitsTable';

const ALL = '';
const DEFAULT_PAGE_SIZE = 20;

/** The units evaluated, one ranking group at a time (or all), with a search by code or name. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const group = params.get('group') ?? ALL;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);

  const me = useMe();
  const { round } = useSelectedRound();
  const groups = useUnitGroups();
  const units = useUnits({
    group: group || undefined,
    q: q || undefined,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });

  const changeGroup = (next: string) => {
    setPage(1);
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('group', next);
        else updated.delete('group');
        return updated;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageTitle description={t('units.intro')}>{t('units.title')}</PageTitle>
      <Flex wrap gap="middle" align="center" className="toolbar">
        <Radio.Group
          aria-label={t('units.groupsLabel')}
          optionType="button"
          value={group}
          onChange={(event) => changeGroup(String(event.target.value))}
          options={[
            { value: ALL, label: t('units.allGroups') },
            ...(groups.data ?? []).map((item) => ({
              value: item.code,
              label: t('units.groupTab', {
                name: localized(language, item.name_vi, item.name_en),
                count: item.unit_count,
              }),
            })),
          ]}
        />
        <Input
          className="search-input"
          type="search"
          allowClear
          aria-label={t('units.search')}
          placeholder={t('units.search')}
          prefix={<SearchOutlined aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
      </Flex>
      {groups.isError ? (
        <ProblemAlert error={groups.error} onRetry={() => void groups.refetch()} />
      ) : null}
      {units.isError ? (
        <ProblemAlert error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <UnitsTable
          units={units.data?.items ?? []}
          groups={groups.data ?? []}
          total={units.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          loading={units.isFetching}
          assessmentLink={
            round && hasAnyRole(me.data, ASSESSMENT_READER_ROLES)
              ? (unit) =>
                  unit.groups.some((code) => round.groups.includes(code))
                    ? assessmentPath(round.id, unit.code)
                    : null
              : undefined
          }
          onPageChange={(nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          }}
        />
      )}
    </>
  );
}
