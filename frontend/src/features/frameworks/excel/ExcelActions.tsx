import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Framework } from '@/api/types';
import { ADMIN_ROLES, hasAnyRole } from '@/config/roles';
import { PATHS } from '@/config/paths';
import { useMe } from '@/features/auth';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { downloadFrameworkXlsx } from './api';

/** The framework page's Excel actions: "Xuất Excel" for everyone, the import for admins. */
export function ExcelActions({ framework }: { framework: Framework }) {
  const { t } = useTranslation();
  const me = useMe();
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    try {
      await downloadFrameworkXlsx(framework.id, framework.code);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space wrap>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        loading={downloading}
        onClick={() => void download()}
      >
        {t('frameworkExcel.export')}
      </Button>
      {hasAnyRole(me.data, ADMIN_ROLES) ? (
        <Link to={PATHS.frameworkImport}>
          <UploadOutlined aria-hidden /> {t('frameworkExcel.importLink')}
        </Link>
      ) : null}
    </Space>
  );
}
