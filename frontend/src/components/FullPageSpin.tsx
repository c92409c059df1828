import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown while a page or the session loads. */
export function FullPageSpin({ label }: { label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('app.loading');
  return (
    <div className="full-page-spin" role="status" aria-live="polite">
      <Spin size="large" />
      <span>{text}</span>
    </div>
  );
}
