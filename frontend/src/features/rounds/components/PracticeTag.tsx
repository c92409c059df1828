import { ReadOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Marks a practice round (vòng tập huấn) wherever it is named: its data is never published. */
export function PracticeTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('practice.tagHint')}>
      <Tag className="practice-tag" icon={<ReadOutlined aria-hidden />} data-testid="practice-tag">
        {t('practice.tag')}
      </Tag>
    </Tooltip>
  );
}
