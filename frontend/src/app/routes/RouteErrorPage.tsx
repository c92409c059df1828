import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

import { PATHS } from '@/config/paths';
import { problemMessage } from '@/lib/problem-message';

/** What a route shows when rendering it threw (e.g. a lazy page failed to download). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main-content" className="route-error">
      <Result
        status="error"
        title={<h1 className="result-heading">{t('errors.title')}</h1>}
        subTitle={problemMessage(error, t)}
        extra={
          <Button type="primary" onClick={() => window.location.assign(PATHS.home)}>
            {t('common.backHome')}
          </Button>
        }
      />
    </main>
  );
}
