import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface SecretModalProps {
  /** The client and its secret, just created or rotated; none: closed. */
  shown: { clientId: string; secret: string } | null;
  onClose: () => void;
}

/**
 * The secret, shown this once (the API keeps only its hash): a copy button, and a warning that it
 * cannot be shown again. Closing forgets it.
 */
export function SecretModal({ shown, onClose }: SecretModalProps) {
  const { t } = useTranslation();
  // Not rendered at all once closed: the secret leaves the page at once (no closing animation
  // keeping it in the DOM).
  if (shown === null) return null;
  return (
    <Modal
      open
      title={t('adminClients.secretTitle', { clientId: shown.clientId })}
      okText={t('adminClients.secretSaved')}
      onOk={onClose}
      onCancel={onClose}
      mask={{ closable: false }}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Alert type="warning" showIcon title={t('adminClients.secretOnce')} />
      <Descriptions column={1} size="small" bordered className="secret-details">
        <Descriptions.Item label={t('adminClients.clientId')}>
          <Typography.Text code copyable={{ text: shown.clientId }}>
            {shown.clientId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('adminClients.secret')}>
          <Typography.Text
            code
            data-testid="client-secret"
            copyable={{
              text: shown.secret,
              tooltips: [t('adminClients.copySecret'), t('adminClients.copied')],
            }}
          >
            {shown.secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('adminClients.secretUse')}</Typography.Paragraph>
    </Modal>
  );
}
