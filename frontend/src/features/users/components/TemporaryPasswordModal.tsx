import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';

export interface ShownPassword {
  username: string;
  password: string;
  expiresAt: string | null | undefined;
}

interface TemporaryPasswordModalProps {
  /** The password to show once; null closes the modal (and forgets it). */
  shown: ShownPassword | null;
  onClose: () => void;
}

/** A temporary password, shown this once, with a copy button; closing forgets it. */
export function TemporaryPasswordModal({ shown, onClose }: TemporaryPasswordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('adminUsers.copied'));
    } catch {
      void message.error(t('adminUsers.copyFailed'));
    }
  };

  return (
    <Modal
      open={shown !== null}
      title={shown ? t('adminUsers.temporaryTitle', { username: shown.username }) : ''}
      onCancel={onClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('adminUsers.understood')}
        </Button>
      }
    >
      {shown ? (
        <>
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            title={t('adminUsers.temporaryIntro')}
          />
          <label htmlFor="temporary-password">
            <Typography.Text strong>{t('adminUsers.temporaryLabel')}</Typography.Text>
          </label>
          <Space.Compact block>
            <Input
              id="temporary-password"
              readOnly
              value={shown.password}
              className="temporary-password"
              data-testid="temporary-password"
            />
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy(shown.password)}>
              {t('adminUsers.copy')}
            </Button>
          </Space.Compact>
          {shown.expiresAt ? (
            <Typography.Paragraph type="secondary" className="temporary-expiry">
              {t('adminUsers.temporaryExpires', { time: formatDateTime(shown.expiresAt) })}
            </Typography.Paragraph>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
