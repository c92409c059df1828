import { Alert, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Evidence } from '@/api/types';
import { problemMessage } from '@/lib/problem-message';

import { fetchEvidence } from '../api/assessment';

/** What the browser can show inline; other files are downloaded. */
export function canPreview(file: Pick<Evidence, 'content_type'>): boolean {
  return file.content_type === 'application/pdf' || file.content_type.startsWith('image/');
}

interface EvidencePreviewProps {
  file: Evidence | null;
  onClose: () => void;
}

/** An evidence file shown in place (PDF in the browser's viewer, images as they are). */
export function EvidencePreview({ file, onClose }: EvidencePreviewProps) {
  const { t } = useTranslation();
  // Keyed by the file, so a new file never shows the previous one's bytes or error.
  const [loaded, setLoaded] = useState<{ id: number; url?: string; error?: unknown } | null>(null);
  const current = file && loaded?.id === file.id ? loaded : null;
  const url = current?.url ?? null;
  const error = current?.error ?? null;

  useEffect(() => {
    if (!file) return undefined;
    const controller = new AbortController();
    let made: string | null = null;
    fetchEvidence(file.id, controller.signal).then(
      (blob) => {
        // The type the server sniffed, not whatever the blob claims.
        made = URL.createObjectURL(new Blob([blob], { type: file.content_type }));
        setLoaded({ id: file.id, url: made });
      },
      (reason: unknown) => {
        if (!controller.signal.aborted) setLoaded({ id: file.id, error: reason });
      },
    );
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [file]);

  const title = file ? t('assessment.previewFileOf', { name: file.filename }) : '';
  return (
    <Modal
      open={file !== null}
      title={title}
      onCancel={onClose}
      footer={null}
      width="min(960px, 95vw)"
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={problemMessage(error, t)} /> : null}
      {!error && !url ? <Spin /> : null}
      {url && file?.content_type === 'application/pdf' ? (
        <iframe className="evidence-frame" src={url} title={title} />
      ) : null}
      {url && file?.content_type.startsWith('image/') ? (
        <img className="evidence-image" src={url} alt={file.filename} />
      ) : null}
    </Modal>
  );
}
