import { App, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Framework } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { useSetStatus } from '../api';

interface ActivateDialogProps {
  framework: Framework;
  /** The totals per group the version will have. */
  totals: Readonly<Record<string, number>>;
  onClose: () => void;
  onActivated: () => unknown;
}

/** Activating (freezing) a draft, with what it means said before it happens. */
export function ActivateDialog({ framework, totals, onClose, onActivated }: ActivateDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const activate = useSetStatus(framework.id, {
    onSuccess: async () => {
      void message.success(t('frameworkEditor.activateDialog.done', { code: framework.code }));
      await onActivated();
    },
  });
  return (
    <Modal
      open
      title={t('frameworkEditor.activateDialog.title', { code: framework.code })}
      okText={t('frameworkEditor.activateDialog.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: activate.isPending }}
      onOk={() => activate.mutate('active')}
      onCancel={onClose}
    >
      <Typography.Paragraph>{t('frameworkEditor.activateDialog.intro')}</Typography.Paragraph>
      <ul className="activate-consequences">
        <li>{t('frameworkEditor.activateDialog.noEdits')}</li>
        <li>{t('frameworkEditor.activateDialog.rounds')}</li>
        <li>{t('frameworkEditor.activateDialog.later')}</li>
        <li>{t('frameworkEditor.activateDialog.retire')}</li>
      </ul>
      <Typography.Paragraph>
        {t('frameworkEditor.activateDialog.totals', {
          totals: Object.entries(totals)
            .map(([group, total]) => `${group}: ${formatPoints(String(total), language)}`)
            .join('; '),
        })}
      </Typography.Paragraph>
      {activate.isError ? <ProblemAlert error={activate.error} /> : null}
    </Modal>
  );
}
