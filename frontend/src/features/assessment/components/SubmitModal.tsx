import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Assessment } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { indicatorOfField } from '../values';

interface SubmitModalProps {
  open: boolean;
  assessment: Assessment;
  unitName: string;
  /** Indicators whose typed input could not be saved. */
  unsaved: readonly string[];
  submitting: boolean;
  error: unknown;
  onSubmit: () => void;
  onCancel: () => void;
  /** Go to an indicator (from the list of what is missing). */
  onJump: (code: string) => void;
  /** Once the dialog has closed (and given the focus back). */
  afterClose?: () => void;
}

/** The head's sign-off: what is still missing (nothing can be submitted then), or a confirmation. */
export function SubmitModal({
  open,
  assessment,
  unitName,
  unsaved,
  submitting,
  error,
  onSubmit,
  onCancel,
  onJump,
  afterClose,
}: SubmitModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { missing, preview } = assessment;
  const blocked = missing.length > 0 || unsaved.length > 0;

  return (
    <Modal
      open={open}
      title={t('assessment.submitTitle')}
      okText={t('assessment.submitConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: blocked }}
      confirmLoading={submitting}
      onOk={onSubmit}
      onCancel={onCancel}
      afterClose={afterClose}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {error ? <ProblemAlert error={error} className="form-alert" /> : null}
      {unsaved.length > 0 ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title={t('assessment.unsavedBeforeSubmit', { codes: unsaved.join(', ') })}
        />
      ) : null}
      {missing.length > 0 ? (
        <section aria-labelledby="missing-title" className="missing-section">
          <Alert
            type="warning"
            showIcon
            title={
              <span id="missing-title">
                {t('assessment.missingTitle', { count: missing.length })}
              </span>
            }
            description={t('assessment.missingHint')}
          />
          <ul className="missing-list" data-testid="missing-list">
            {missing.map((item) => (
              <li key={item.field}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => onJump(indicatorOfField(item.field))}
                >
                  {item.message}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!blocked ? (
        <>
          <Typography.Paragraph>
            {t('assessment.submitQuestion', { unit: unitName })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('assessment.submitPoints', {
              points: formatPoints(preview.points, language),
              max: formatPoints(preview.max_points, language),
            })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('assessment.submitLock')}</Typography.Paragraph>
        </>
      ) : null}
    </Modal>
  );
}
