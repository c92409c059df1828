import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { PATHS } from '@/config/paths';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle>{t('errors.notFoundTitle')}</PageTitle>
      <Result
        status="404"
        subTitle={t('errors.notFound')}
        extra={
          <Button type="primary" onClick={() => void navigate(PATHS.home)}>
            {t('common.backHome')}
          </Button>
        }
      />
    </>
  );
}
