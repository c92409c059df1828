import { LinkOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Copies the page's address: the view (round, version, group) is all in it. */
export function CopyLinkButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      void message.success(t('public.linkCopied'));
    } catch {
      void message.error(t('public.linkNotCopied', { url: window.location.href }));
    }
  };

  return (
    <Button icon={<LinkOutlined aria-hidden />} onClick={() => void copy()}>
      {t('public.copyLink')}
    </Button>
  );
}
