import { useTranslation } from 'react-i18next';

/** The first focusable element: jumps past the header and menu to the page's content. */
export function SkipLink({ target = 'main-content' }: { target?: string }) {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href={`#${target}`}>
      {t('app.skipToContent')}
    </a>
  );
}
