import { DiffOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import type { Framework } from '@/api/types';
import { frameworkComparePath, frameworkEditPath, frameworkNewPath } from '@/config/paths';
import { ADMIN_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';

/** The framework viewer's way into the editor (admin): edit this draft, start a new version from
 * it, compare it with another version. */
export function FrameworkEditorActions({ framework }: { framework: Framework }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  if (!hasAnyRole(me.data, ADMIN_ROLES)) return null;
  const editable = framework.status === 'draft' && !framework.is_frozen;
  return (
    <Space wrap className="framework-editor-actions">
      {editable ? (
        <Button
          type="primary"
          icon={<EditOutlined aria-hidden />}
          onClick={() => void navigate(frameworkEditPath(framework.id))}
        >
          {t('frameworkEditor.actions.edit')}
        </Button>
      ) : null}
      <Button
        icon={<PlusOutlined aria-hidden />}
        onClick={() => void navigate(frameworkNewPath(framework.id))}
      >
        {t('frameworkEditor.actions.newVersion')}
      </Button>
      <Button
        icon={<DiffOutlined aria-hidden />}
        onClick={() =>
          void navigate(
            frameworkComparePath({
              base: framework.cloned_from_id ?? undefined,
              target: framework.id,
            }),
          )
        }
      >
        {t('frameworkEditor.actions.compare')}
      </Button>
    </Space>
  );
}
