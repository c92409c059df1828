import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  LoadingOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDateTime, formatTime } from '@/lib/format';

import type { SaveStatus } from '../use-answer-editor';

interface SaveStateProps {
  status: SaveStatus;
  /** When nothing was typed here yet: the last time the answer was saved, and by whom. */
  lastSaved: { at: string; by: string | null } | null;
  onRetry: () => void;
  onDiscard: () => void;
}

/** "Đang lưu…", "Đã lưu lúc 14:32", "Lỗi — chưa lưu": where the indicator's answer stands. */
export function SaveState({ status, lastSaved, onRetry, onDiscard }: SaveStateProps) {
  const { t } = useTranslation();
  let content;
  switch (status.kind) {
    case 'pending':
    case 'saving':
      content = (
        <Typography.Text type="secondary">
          <LoadingOutlined aria-hidden /> {t('assessment.saving')}
        </Typography.Text>
      );
      break;
    case 'saved':
      content = (
        <Typography.Text className="save-ok">
          <CheckCircleOutlined aria-hidden />{' '}
          {t('assessment.savedAt', { time: formatTime(status.at) })}
        </Typography.Text>
      );
      break;
    case 'error':
      content = (
        <Space wrap size="small">
          <Typography.Text type="danger" strong>
            <CloseCircleOutlined aria-hidden /> {t('assessment.notSaved')}
          </Typography.Text>
          <Typography.Text type="danger">{status.message}</Typography.Text>
          {status.retryable ? (
            <Button size="small" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          ) : null}
        </Space>
      );
      break;
    case 'conflict':
      content = (
        <Space wrap size="small">
          <Typography.Text type="warning" strong className="save-conflict">
            <WarningOutlined aria-hidden /> {t('assessment.conflict')}
          </Typography.Text>
          <Button size="small" type="primary" onClick={onRetry}>
            {t('assessment.keepMine')}
          </Button>
          <Button size="small" onClick={onDiscard}>
            {t('assessment.takeSaved')}
          </Button>
        </Space>
      );
      break;
    case 'idle':
      content = lastSaved ? (
        <Typography.Text type="secondary">
          {lastSaved.by
            ? t('assessment.lastSavedBy', { time: formatDateTime(lastSaved.at), by: lastSaved.by })
            : t('assessment.lastSaved', { time: formatDateTime(lastSaved.at) })}
        </Typography.Text>
      ) : null;
      break;
  }
  return (
    <div className="save-state" role="status" aria-live="polite">
      {content}
    </div>
  );
}
