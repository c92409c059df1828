import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { REVIEWER_ROLES, UNIT_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';

import { TriageList } from '../components/TriageList';
import { UnitProposals } from '../components/UnitProposals';

/** The proposal open in the address (`?id=12`), if it names one. */
function openIdOf(params: URLSearchParams): number | undefined {
  const value = Number(params.get('id'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Đề xuất: a unit's staff file proposals to change the criteria and read DIC's answers; DIC
 * triages every unit's (accepted into a draft, declined, duplicate) and exports them for the City.
 */
export default function ProposalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const openId = openIdOf(params);
  const dic = hasAnyRole(me.data, REVIEWER_ROLES);
  const unit = !dic && hasAnyRole(me.data, UNIT_ROLES) && Boolean(me.data?.unit_code);

  const open = (id: number | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === undefined) next.delete('id');
        else next.set('id', String(id));
        return next;
      },
      { replace: true },
    );

  if (unit) {
    return (
      <>
        <PageTitle description={t('proposals.unitIntro', { unit: me.data?.unit_name_vi ?? '' })}>
          {t('proposals.unitTitle')}
        </PageTitle>
        <UnitProposals openId={openId} />
      </>
    );
  }
  return (
    <>
      <PageTitle description={t('proposals.dicIntro')}>{t('proposals.dicTitle')}</PageTitle>
      <TriageList
        openId={openId}
        onOpen={open}
        onAnswered={(answered) => {
          void message.success(t('proposals.answered', { id: answered.id }));
        }}
      />
    </>
  );
}
