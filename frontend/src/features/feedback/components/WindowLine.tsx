import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDate } from '@/lib/format';

import type { FeedbackWindow } from '../api/feedback';

/** "Thời gian giải trình: từ … đến …", and whether the window is open now. */
export function WindowLine({ window }: { window: FeedbackWindow }) {
  const { t } = useTranslation();
  const unset = !window.opens_on && !window.closes_on;
  return (
    <Space wrap className="feedback-window">
      <Typography.Text>
        {unset
          ? t('feedback.windowUnset')
          : t('feedback.window', {
              opens: window.opens_on ? formatDate(window.opens_on) : '—',
              closes: window.closes_on ? formatDate(window.closes_on) : '—',
            })}
      </Typography.Text>
      <Tag color={window.open ? 'success' : 'default'}>
        {window.open ? t('feedback.windowOpen') : t('feedback.windowClosed')}
      </Tag>
    </Space>
  );
}
