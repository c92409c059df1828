import { ExperimentOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Marks demo data wherever a demo round is shown, so nobody takes it for real figures. */
export function DemoDataTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('rounds.demoHint')}>
      <Tag
        className="demo-tag"
        icon={<ExperimentOutlined aria-hidden />}
        data-testid="demo-data-tag"
      >
        {t('rounds.demo')}
      </Tag>
    </Tooltip>
  );
}
