import { DownloadOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Evidence } from '@/api/types';
import { downloadEvidence } from '@/features/assessment';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

interface FeedbackFilesProps {
  files: readonly Evidence[];
  /** Names the list for screen readers, e.g. "Tài liệu của giải trình 1.2". */
  label: string;
}

/** The files backing a feedback, each a download button (the download needs the bearer token). */
export function FeedbackFiles({ files, label }: FeedbackFilesProps) {
  const { t } = useTranslation();
  if (files.length === 0)
    return <Typography.Text type="secondary">{t('feedback.noFiles')}</Typography.Text>;
  const download = (file: Evidence) =>
    downloadEvidence(file.id, file.filename).catch((error: unknown) =>
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) }),
    );
  return (
    <ul
      className="feedback-files"
      aria-label={label}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {files.map((file) => (
        <li key={file.id}>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined aria-hidden />}
            aria-label={t('feedback.download', { name: file.filename })}
            onClick={() => void download(file)}
            style={{ paddingInline: 0 }}
          >
            {file.filename}
          </Button>
        </li>
      ))}
    </ul>
  );
}
