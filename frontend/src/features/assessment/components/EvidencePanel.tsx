import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  FileOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Progress, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Evidence } from '@/api/types';
import { useLanguage } from '@/i18n';
import { formatDateTime, formatFileSize } from '@/lib/format';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { downloadEvidence, unlinkEvidence } from '../api/assessment';
import { uploadEvidence } from '../api/upload';

import { EvidencePreview, canPreview } from './EvidencePreview';
import type { AnswerEditor } from '../use-answer-editor';

/** What the API accepts (judged from the bytes; the list only helps the file picker). */
const ACCEPT = '.pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg';

interface Transfer {
  id: number;
  name: string;
  percent: number;
  state: 'waiting' | 'uploading' | 'failed';
  message?: string;
}

interface EvidencePanelProps {
  roundId: number;
  unitCode: string;
  indicatorCode: string;
  files: readonly Evidence[];
  editable: boolean;
  editor: Pick<AnswerEditor, 'write' | 'reload'>;
}

let nextTransferId = 1;

/** The answer's evidence files: the list, downloads, and uploads with a progress bar each. */
export function EvidencePanel({
  roundId,
  unitCode,
  indicatorCode,
  files,
  editable,
  editor,
}: EvidencePanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const picker = useRef<HTMLInputElement>(null);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [previewed, setPreviewed] = useState<Evidence | null>(null);
  const pickerId = `evidence-file-${indicatorCode}`;

  const patch = (id: number, change: Partial<Transfer>) =>
    setTransfers((list) => list.map((item) => (item.id === id ? { ...item, ...change } : item)));
  const drop = (id: number) => setTransfers((list) => list.filter((item) => item.id !== id));

  const upload = (file: File) => {
    const id = nextTransferId++;
    setTransfers((list) => [...list, { id, name: file.name, percent: 0, state: 'waiting' }]);
    // Uploading bumps the assessment's version: it waits for (and holds back) the other writes.
    editor
      .write(async () => {
        patch(id, { state: 'uploading' });
        await uploadEvidence({
          roundId,
          unitCode,
          indicatorCode,
          file,
          onProgress: (percent) => patch(id, { percent }),
        });
        await editor.reload();
      })
      .then(
        () => drop(id),
        (error: unknown) => patch(id, { state: 'failed', message: problemMessage(error, t) }),
      );
  };

  const unlink = (file: Evidence) =>
    editor
      .write(async () => {
        await unlinkEvidence(roundId, unitCode, file.id);
        await editor.reload();
      })
      .catch((error: unknown) =>
        notifyError({ title: t('errors.title'), description: problemMessage(error, t) }),
      );

  const download = (file: Evidence) =>
    downloadEvidence(file.id, file.filename).catch((error: unknown) =>
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) }),
    );

  return (
    <div className="evidence-panel">
      <div className="evidence-heading">{t('assessment.evidenceFiles')}</div>
      {files.length === 0 && transfers.length === 0 ? (
        <Typography.Text type="secondary">{t('assessment.noEvidence')}</Typography.Text>
      ) : null}
      <ul
        className="evidence-list"
        aria-label={t('assessment.evidenceListOf', { code: indicatorCode })}
      >
        {files.map((file) => (
          <li key={file.id} className="evidence-file">
            <FileOutlined aria-hidden />
            <Button
              type="link"
              size="small"
              className="evidence-name"
              icon={<DownloadOutlined aria-hidden />}
              iconPlacement="end"
              aria-label={t('assessment.downloadFile', { name: file.filename })}
              onClick={() => void download(file)}
            >
              {file.filename}
            </Button>
            {canPreview(file) ? (
              <Button
                size="small"
                type="link"
                icon={<EyeOutlined aria-hidden />}
                aria-label={t('assessment.previewFileOf', { name: file.filename })}
                onClick={() => setPreviewed(file)}
              >
                {t('assessment.previewFile')}
              </Button>
            ) : null}
            <Typography.Text type="secondary" className="evidence-meta">
              {t('assessment.fileMeta', {
                size: formatFileSize(file.size, language),
                time: formatDateTime(file.uploaded_at),
                by: file.uploaded_by,
              })}
            </Typography.Text>
            {editable ? (
              <Popconfirm
                title={t('assessment.unlinkConfirm', { name: file.filename })}
                okText={t('assessment.unlink')}
                cancelText={t('common.cancel')}
                onConfirm={() => void unlink(file)}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('assessment.unlinkFile', { name: file.filename })}
                />
              </Popconfirm>
            ) : null}
          </li>
        ))}
        {transfers.map((transfer) => (
          <li key={transfer.id} className="evidence-transfer">
            <span className="evidence-transfer-name">{transfer.name}</span>
            {transfer.state === 'failed' ? (
              <Space wrap size="small">
                <Typography.Text type="danger" role="alert">
                  {t('assessment.uploadFailed', { message: transfer.message ?? '' })}
                </Typography.Text>
                <Button size="small" onClick={() => drop(transfer.id)}>
                  {t('common.close')}
                </Button>
              </Space>
            ) : (
              <Progress
                percent={transfer.percent}
                size="small"
                status="active"
                aria-label={t('assessment.uploading', { name: transfer.name })}
                format={(percent) =>
                  transfer.state === 'waiting' ? t('assessment.uploadWaiting') : `${percent ?? 0}%`
                }
              />
            )}
          </li>
        ))}
      </ul>
      {editable ? (
        <>
          <input
            ref={picker}
            id={pickerId}
            type="file"
            hidden
            multiple
            accept={ACCEPT}
            aria-label={t('assessment.uploadFor', { code: indicatorCode })}
            onChange={(event) => {
              for (const file of Array.from(event.target.files ?? [])) upload(file);
              event.target.value = '';
            }}
          />
          <Space wrap size="small" className="evidence-actions">
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => picker.current?.click()}>
              {t('assessment.upload')}
            </Button>
            <Typography.Text type="secondary">{t('assessment.uploadHint')}</Typography.Text>
          </Space>
        </>
      ) : null}
      <EvidencePreview file={previewed} onClose={() => setPreviewed(null)} />
    </div>
  );
}
