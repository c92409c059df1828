import { DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';

import { useDeletePractice, useResetPractice } from '../api/practice';

type Action = 'reset' | 'delete';

/**
 * A practice round's «Đặt lại» (empty it, back to collecting) and «Xóa» (with all its data), each
 * after a confirmation that says what goes and that the real round is not touched.
 */
export function PracticeActions({ round }: { round: Round }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [asked, setAsked] = useState<Action | null>(null);
  const title = localized(language, round.title_vi, round.title_en);
  const reset = useResetPractice(round.id, {
    onSuccess: () => {
      void message.success(t('practice.resetDone', { title }));
      setAsked(null);
    },
  });
  const remove = useDeletePractice(round.id, {
    onSuccess: () => {
      void message.success(t('practice.deleted', { title }));
      setAsked(null);
    },
  });
  const action = asked === 'delete' ? remove : reset;

  return (
    <>
      <Space size="small" wrap>
        <Button
          size="small"
          icon={<ReloadOutlined aria-hidden />}
          aria-label={t('practice.resetOf', { title })}
          onClick={() => setAsked('reset')}
        >
          {t('practice.reset')}
        </Button>
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('practice.deleteOf', { title })}
          onClick={() => setAsked('delete')}
        >
          {t('practice.delete')}
        </Button>
      </Space>
      <Modal
        open={asked !== null}
        title={asked === 'delete' ? t('practice.deleteTitle') : t('practice.resetTitle')}
        okText={asked === 'delete' ? t('practice.deleteConfirm') : t('practice.resetConfirm')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={action.isPending}
        onOk={() => action.mutate()}
        onCancel={() => {
          if (!action.isPending) setAsked(null);
        }}
        afterOpenChange={(opened) => {
          if (!opened) {
            reset.reset();
            remove.reset();
          }
        }}
      >
        <Flex vertical gap="middle">
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {asked === 'delete'
              ? t('practice.deleteBody', { title })
              : t('practice.resetBody', { title })}
          </Typography.Paragraph>
          {action.isError ? <ProblemAlert error={action.error} /> : null}
        </Flex>
      </Modal>
    </>
  );
}
