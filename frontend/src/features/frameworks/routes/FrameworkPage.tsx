import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Radio,
  Select,
  Space,
  Statistic,
  Tag,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import type { Criterion, Framework } from '@/api/types';
import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { frameworkPath, whatIfPath } from '@/config/paths';
import { REVIEWER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { FrameworkLevelsCard, ProvenanceNotice } from '@/features/levels';
import { useSelectedRound } from '@/features/rounds';
import { useUnitGroups } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { useCriteria, useElements, useFrameworks } from '../api/frameworks';
import { CriteriaTable } from '../components/CriteriaTable';
import { CriterionDetails } from '../components/CriterionDetails';
import { ProposalLinks } from '../components/ProposalLinks';
import { countLeaves, innerCodes } from '../criteria';
import { ExcelActions } from '../excel/ExcelActions';
import { FrameworkEditorActions } from '../editor/components/FrameworkEditorActions';

const ALL = '';

/** Which framework to show: the one in the address, else the selected round's, else the newest active. */
function pickFramework(
  frameworks: readonly Framework[],
  fromPath: number | undefined,
  fromRound: number | undefined,
): Framework | undefined {
  return (
    frameworks.find((framework) => framework.id === fromPath) ??
    frameworks.find((framework) => framework.id === fromRound) ??
    frameworks.find((framework) => framework.status === 'active') ??
    frameworks[0]
  );
}

/** The framework viewer: the criteria tree with points per group, rules and guidance. */
export default function FrameworkPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { frameworkId } = useParams();
  const [params, setParams] = useSearchParams();
  const { round } = useSelectedRound();
  const frameworks = useFrameworks();
  const groupNames = useUnitGroups();
  const me = useMe();
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const [shown, setShown] = useState<Criterion | null>(null);

  const framework = pickFramework(
    frameworks.data?.items ?? [],
    frameworkId === undefined ? undefined : Number(frameworkId),
    round?.framework_id,
  );
  const requestedGroup = params.get('group') ?? ALL;
  const group = framework?.groups.includes(requestedGroup) ? requestedGroup : ALL;
  const criteria = useCriteria(framework?.id, group || undefined);
  const elements = useElements(framework?.id);
  const tree = useMemo(() => criteria.data ?? [], [criteria.data]);
  const elementsByCode = useMemo(
    () => new Map((elements.data ?? []).map((element) => [element.code, element])),
    [elements.data],
  );
  const shownGroups = framework ? (group ? [group] : framework.groups) : [];

  const groupLabel = (code: string) => {
    const found = groupNames.data?.find((candidate) => candidate.code === code);
    return found ? `${code} – ${localized(language, found.name_vi, found.name_en)}` : code;
  };

  const setGroup = (next: string) => {
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

  if (frameworks.isPending) return <FullPageSpin />;
  if (frameworks.isError) {
    return <ProblemAlert error={frameworks.error} onRetry={() => void frameworks.refetch()} />;
  }
  if (!framework) {
    return (
      <>
        <PageTitle>{t('frameworks.title')}</PageTitle>
        <p>{t('frameworks.none')}</p>
      </>
    );
  }

  const summary: DescriptionsProps['items'] = [
    { key: 'code', label: t('frameworks.code'), children: framework.code },
    { key: 'year', label: t('frameworks.year'), children: framework.year },
    {
      key: 'status',
      label: t('frameworks.status'),
      children: <Tag>{t(`frameworks.statuses.${framework.status}`)}</Tag>,
    },
    { key: 'legal', label: t('frameworks.legalBasis'), children: framework.legal_basis ?? '—' },
  ];

  return (
    <>
      <PageTitle description={localized(language, framework.title_vi, framework.title_en)}>
        {t('frameworks.title')}
      </PageTitle>

      <Flex wrap gap="middle" align="center" className="toolbar">
        <Select<number>
          aria-label={t('frameworks.select')}
          className="framework-select"
          popupMatchSelectWidth={false}
          value={framework.id}
          onChange={(id) => {
            setExpandedKeys([]);
            void navigate({ pathname: frameworkPath(id), search: params.toString() });
          }}
          options={frameworks.data.items.map((item) => ({
            value: item.id,
            label: `${item.code} – ${localized(language, item.title_vi, item.title_en)}`,
          }))}
        />
        <Radio.Group
          aria-label={t('frameworks.groupFilter')}
          optionType="button"
          value={group}
          onChange={(event) => setGroup(String(event.target.value))}
          options={[
            { value: ALL, label: t('frameworks.allGroups') },
            ...framework.groups.map((code) => ({ value: code, label: groupLabel(code) })),
          ]}
        />
        <ExcelActions framework={framework} />
        {hasAnyRole(me.data, REVIEWER_ROLES) ? (
          <Link to={whatIfPath({ framework: framework.id })}>{t('whatIf.frameworkLink')}</Link>
        ) : null}
        <FrameworkEditorActions framework={framework} />
      </Flex>

      <ProvenanceNotice
        provenance={framework.provenance}
        levels={framework.levels}
        pillarViews={framework.pillar_views}
      />
      <section aria-label={t('frameworks.summary')} className="framework-summary">
        <Card size="small">
          <Flex wrap gap="large" align="flex-start" justify="space-between">
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={summary} />
            <Space size="large" wrap>
              {framework.groups.map((code) => (
                <Statistic
                  key={code}
                  title={t('frameworks.maxPointsOf', { group: code })}
                  value={framework.max_points_by_group[code] ?? '0'}
                  formatter={(value) => formatPoints(String(value), language)}
                />
              ))}
            </Space>
          </Flex>
        </Card>
      </section>

      <FrameworkLevelsCard
        levels={framework.levels}
        pillarViews={framework.pillar_views}
        nameOf={(code) => {
          const found = tree.find((criterion) => criterion.code === code);
          return found ? localized(language, found.name_vi, found.name_en) : undefined;
        }}
      />
      <Flex wrap gap="small" align="center" justify="space-between" className="toolbar">
        <span className="criteria-counts" data-testid="criteria-counts">
          {t('frameworks.pillarCount', { count: tree.length })} ·{' '}
          {t('frameworks.indicatorCount', { count: countLeaves(tree) })}
        </span>
        <Space>
          <Button size="small" onClick={() => setExpandedKeys(innerCodes(tree))}>
            {t('frameworks.expandAll')}
          </Button>
          <Button size="small" onClick={() => setExpandedKeys([])}>
            {t('frameworks.collapseAll')}
          </Button>
        </Space>
      </Flex>

      {criteria.isError ? (
        <ProblemAlert error={criteria.error} onRetry={() => void criteria.refetch()} />
      ) : (
        <section aria-label={t('frameworks.criteria')}>
          <CriteriaTable
            criteria={tree}
            groups={shownGroups}
            loading={criteria.isFetching}
            expandedKeys={expandedKeys}
            onExpandedKeysChange={setExpandedKeys}
            onShowGuidance={setShown}
          />
        </section>
      )}

      <Drawer
        open={shown !== null}
        onClose={() => setShown(null)}
        size="large"
        title={shown ? `${shown.code} · ${localized(language, shown.name_vi, shown.name_en)}` : ''}
        closable={{ 'aria-label': t('common.close') }}
      >
        {shown ? <CriterionDetails criterion={shown} elements={elementsByCode} /> : null}
        {shown && framework.status === 'draft' ? (
          <section aria-label={t('proposals.links.heading')} className="proposal-links">
            <h3>{t('proposals.links.heading')}</h3>
            <ProposalLinks frameworkId={framework.id} code={shown.code} showEmpty />
          </section>
        ) : null}
      </Drawer>
    </>
  );
}
