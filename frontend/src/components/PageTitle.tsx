import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface PageTitleProps {
  children: string;
  /** Shown under the heading. */
  description?: ReactNode;
  /** Shown beside the heading (filters, counts). */
  extra?: ReactNode;
}

/** The page's one <h1>, which also names the browser tab. */
export function PageTitle({ children, description, extra }: PageTitleProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: children });
  }, [children, t]);
  return (
    <div className="page-title">
      <div className="page-title-row">
        <Typography.Title level={1} className="page-title-heading">
          {children}
        </Typography.Title>
        {extra}
      </div>
      {description ? (
        <Typography.Paragraph className="page-title-description">
          {description}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
