import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { unitPath } from '@/config/paths';
import { hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import { useReopenUnit, useUnit, useUnitHistory, useUpdateUnit } from '../api/admin';
import { useUnitGroups } from '../api/units';
import { CloseUnitModal } from '../components/CloseUnitModal';
import { LineageGraph } from '../components/LineageGraph';
import { UnitFormModal } from '../components/UnitFormModal';
import { UnitStatusTag } from '../components/UnitStatusTag';
import { unitKindLabel } from '../unit-kinds';
import '../units-admin.css';

/** One unit: what it is, since when and until when, and its lineage across mergers and splits. */
export default function UnitPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { code = '' } = useParams();
  const location = useLocation();
  // The wizard comes here once it has recorded a merger or split.
  const recorded = (location.state as { recorded?: 'merger' | 'split' } | null)?.recorded;
  const me = useMe();
  const isAdmin = hasAnyRole(me.data, ['admin']);
  const unit = useUnit(code);
  const history = useUnitHistory(code);
  const groups = useUnitGroups();
  const reopen = useReopenUnit();
  const confirm = useUpdateUnit();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);

  if (unit.isError) {
    return (
      <>
        <PageTitle>{code}</PageTitle>
        <ProblemAlert error={unit.error} onRetry={() => void unit.refetch()} />
      </>
    );
  }
  if (!unit.data) return <Skeleton active />;
  const data = unit.data;
  const groupName = (group: string) => {
    const found = groups.data?.find((item) => item.code === group);
    return found ? localized(language, found.name_vi, found.name_en) : group;
  };

  return (
    <>
      <PageTitle
        extra={
          isAdmin ? (
            <Space wrap>
              {data.unverified ? (
                <Button
                  loading={confirm.isPending}
                  onClick={() =>
                    confirm.mutate({
                      code: data.code,
                      body: { unverified: false, confirm_rounds: false },
                    })
                  }
                >
                  {t('cityUnits.unit.confirm')}
                </Button>
              ) : null}
              <Button onClick={() => setEditing(true)}>{t('adminUnits.actions.edit')}</Button>
              {data.valid_to ? (
                <Button loading={reopen.isPending} onClick={() => reopen.mutate(data.code)}>
                  {t('adminUnits.actions.reopen')}
                </Button>
              ) : (
                <Button danger onClick={() => setClosing(true)}>
                  {t('adminUnits.actions.close')}
                </Button>
              )}
            </Space>
          ) : undefined
        }
      >
        {`${localized(language, data.name_vi, data.name_en)} (${data.code})`}
      </PageTitle>
      <Flex vertical gap="large">
        {data.unverified ? (
          <Alert type="warning" showIcon title={t('cityUnits.unit.unverifiedHelp')} />
        ) : null}
        {confirm.isError ? <ProblemAlert error={confirm.error} /> : null}
        {recorded ? (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t(
              recorded === 'merger'
                ? 'adminUnits.wizard.mergerRecorded'
                : 'adminUnits.wizard.splitRecorded',
            )}
          />
        ) : null}
        <Card title={<h2 className="card-heading">{t('adminUnits.unit.details')}</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('adminUnits.fields.code')}>{data.code}</Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.unit.status')}>
              <UnitStatusTag unit={data} />
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.nameVi')}>
              {data.name_vi}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.nameEn')}>
              {data.name_en}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.kind')}>
              {unitKindLabel(data.kind, t)}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.parent')}>
              {data.parent_code ? (
                <Link to={unitPath(data.parent_code)}>{data.parent_code}</Link>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.groups')}>
              {data.groups.length > 0
                ? data.groups.map((group) => (
                    <Tag key={group} title={groupName(group)}>
                      {group}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.validFrom')}>
              {formatDate(data.valid_from) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.validTo')}>
              {formatDate(data.valid_to) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('adminUnits.fields.isProvider')}>
              {data.is_provider ? t('common.yes') : t('common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cityUnits.unit.source')}>
              {data.source ?? '—'}
              {data.unverified ? (
                <Tag className="unit-unverified">{t('cityUnits.unit.unverified')}</Tag>
              ) : null}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={<h2 className="card-heading">{t('adminUnits.lineage.title')}</h2>}>
          {history.isError ? (
            <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />
          ) : history.data ? (
            <LineageGraph history={history.data} />
          ) : (
            <Skeleton active />
          )}
        </Card>
      </Flex>
      {isAdmin ? (
        <>
          <UnitFormModal open={editing} unit={data} onClose={() => setEditing(false)} />
          {closing ? <CloseUnitModal open unit={data} onClose={() => setClosing(false)} /> : null}
        </>
      ) : null}
    </>
  );
}
