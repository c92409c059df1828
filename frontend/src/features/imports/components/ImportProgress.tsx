import { StopOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ImportSummary } from '@/api/types';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { useCancelImport } from '../api/imports';

/** A background import's progress (rows checked of the batch) and its Cancel button. */
export function ImportProgress({ report }: { report: ImportSummary }) {
  const { t } = useTranslation();
  const cancel = useCancelImport();
  const { done, total } = report.progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  const stopping = report.cancel_requested || cancel.isPending;
  const stop = async () => {
    try {
      await cancel.mutateAsync(report.report_id);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    }
  };
  return (
    <Flex vertical gap={4} role="status" aria-live="polite">
      <Typography.Text>
        {report.status === 'queued'
          ? t('imports.queued', { total })
          : t('imports.checkedRows', { done, total })}
      </Typography.Text>
      <Flex gap="small" align="center">
        <Progress
          className="import-job-progress"
          percent={percent}
          status="active"
          aria-label={t('imports.jobProgress', { id: report.report_id })}
        />
        <Button
          danger
          size="small"
          icon={<StopOutlined aria-hidden />}
          loading={cancel.isPending}
          disabled={stopping}
          onClick={() => void stop()}
        >
          {stopping ? t('imports.cancelling') : t('imports.cancel')}
        </Button>
      </Flex>
    </Flex>
  );
}
