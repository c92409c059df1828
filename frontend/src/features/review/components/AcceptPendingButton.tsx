import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { useAcceptPending } from '../api/review';

interface AcceptPendingButtonProps {
  roundId: number;
  unitCode: string;
  onDone: () => Promise<unknown>;
}

/** Accept, in one step, every answer of the unit the reviewer has not decided on yet. */
export function AcceptPendingButton({ roundId, unitCode, onDone }: AcceptPendingButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const accept = useAcceptPending(roundId, unitCode, {
    onSuccess: async (result) => {
      void message.success(t('review.acceptedPending', { count: result.accepted }));
      await onDone();
    },
    onError: (error) =>
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) }),
  });
  return (
    <Popconfirm
      title={t('review.acceptPendingConfirm')}
      okText={t('review.acceptPending')}
      cancelText={t('common.cancel')}
      onConfirm={() => accept.mutate()}
    >
      <Button icon={<CheckOutlined aria-hidden />} loading={accept.isPending}>
        {t('review.acceptPending')}
      </Button>
    </Popconfirm>
  );
}
