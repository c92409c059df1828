import { App, Form, Input, Modal, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { AttachmentPicker, AttachmentProgress } from '@/components/Attachment';
import { ProblemAlert } from '@/components/ProblemAlert';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { useFileFeedback } from '../api/feedback';

/** What the API accepts (judged from the bytes; the list only helps the file picker). */

interface FileFeedbackModalProps {
  roundId: number;
  unitCode: string;
  /** The indicator the feedback is about (null: the dialog is closed). */
  indicator: { code: string; name: string } | null;
  onClose: () => void;
}

interface Values {
  body: string;
}

/** The unit's feedback on one indicator: what it contests and why, and optionally one file. */
export function FileFeedbackModal({
  roundId,
  unitCode,
  indicator,
  onClose,
}: FileFeedbackModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [percent, setPercent] = useState<number | null>(null);
  const code = indicator?.code ?? '';
  const filing = useFileFeedback(roundId, unitCode, {
    onSuccess: (filed) => {
      void message.success(t('feedback.sent', { code: filed.indicator_code }));
      onClose();
    },
  });

  const reset = () => {
    form.resetFields();
    setFiles([]);
    setPercent(null);
    filing.reset();
  };

  const submit = ({ body }: Values) => {
    const file = files[0]?.originFileObj;
    filing.mutate({
      indicatorCode: code,
      body: body.trim(),
      file,
      onProgress: setPercent,
      onFileFailed: (failure) => {
        // The feedback itself is filed: say which part failed, and keep it.
        notifyError({
          title: t('errors.title'),
          description: t('feedback.fileFailed', {
            name: file?.name ?? '',
            message: problemMessage(failure, t),
          }),
        });
      },
    });
  };

  return (
    <Modal
      open={indicator !== null}
      title={t('feedback.modalTitle', { code })}
      okText={t('feedback.send')}
      cancelText={t('common.cancel')}
      confirmLoading={filing.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={reset}
      closable={{ 'aria-label': t('common.close') }}
      forceRender
    >
      {indicator ? (
        <Typography.Paragraph type="secondary">{indicator.name}</Typography.Paragraph>
      ) : null}
      {filing.isError ? <ProblemAlert error={filing.error} className="form-alert" /> : null}
      <Form<Values> form={form} layout="vertical" name="file-feedback" onFinish={submit}>
        <Form.Item
          name="body"
          label={t('feedback.body')}
          extra={t('feedback.bodyHint')}
          rules={[{ required: true, whitespace: true, message: t('feedback.bodyRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item label={t('feedback.file')} htmlFor="file-feedback-file">
          <AttachmentPicker
            id="file-feedback-file"
            files={files}
            onChange={setFiles}
            label={t('feedback.chooseFile')}
          />
        </Form.Item>
      </Form>
      {files[0] ? (
        <AttachmentProgress
          percent={percent}
          label={t('feedback.uploading', { name: files[0].name })}
        />
      ) : null}
    </Modal>
  );
}
