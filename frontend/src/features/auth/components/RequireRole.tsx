import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';

import type { Role } from '@/api/types';
import { FullPageSpin } from '@/components/FullPageSpin';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { hasAnyRole } from '@/config/roles';

import { useMe } from '../api/session';

/** A route guard: the nested routes for users holding one of `roles`, a 403 page for the rest. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!hasAnyRole(me.data, roles)) {
    return (
      <Result
        status="403"
        title={<h1 className="result-heading">{t('auth.forbiddenTitle')}</h1>}
        subTitle={t('auth.forbidden')}
        extra={
          <Button type="primary" onClick={() => void navigate(PATHS.home)}>
            {t('common.backHome')}
          </Button>
        }
      />
    );
  }
  return <Outlet />;
}
