import { App, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';

import { reasonErrors, usePublishRun } from '../api/publish';
import type { ScoreRun } from '../api/publish';

interface PublishModalProps {
  roundId: number;
  /** The final run to publish; null: the modal is closed. */
  run: ScoreRun | null;
  /** The version this publication will be (1 for the first one, which needs no reason). */
  nextVersion: number;
  onClose: () => void;
}

interface PublishForm {
  reason?: string;
}

/**
 * Công bố: makes a final run public as the round's next version, after saying what that means
 * (public and immutable); a re-issue (v2 and later) needs a reason, which the public sees.
 */
export function PublishModal({ roundId, run, nextVersion, onClose }: PublishModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishForm>();
  // The API may know of a publication this page has not seen yet: then it asks for the reason.
  const [reasonAsked, setReasonAsked] = useState(false);
  const reissue = nextVersion > 1 || reasonAsked;

  const publish = usePublishRun(roundId, {
    onSuccess: (publication) => {
      void message.success(t('publish.publishModal.done', { version: publication.version }));
      onClose();
    },
    onError: (error) => {
      const refused = reasonErrors(error);
      if (refused.length > 0) {
        setReasonAsked(true);
        form.setFields([{ name: 'reason', errors: refused.map((field) => field.message) }]);
      }
    },
  });

  const submit = async () => {
    if (!run) return;
    let values: PublishForm;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    publish.mutate({ runId: run.id, reason: values.reason, reasonShown: reissue });
  };

  // A reason the API refused shows beside the field (when it was on screen); anything else as an alert.
  const reasonRefused =
    publish.variables?.reasonShown === true && reasonErrors(publish.error).length > 0;

  return (
    <Modal
      open={run !== null}
      title={run ? t('publish.publishModal.title', { id: run.id }) : undefined}
      okText={t('publish.publishModal.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      onOk={() => void submit()}
      onCancel={() => {
        if (!publish.isPending) onClose();
      }}
      afterOpenChange={(opened) => {
        if (!opened) {
          form.resetFields();
          publish.reset();
          setReasonAsked(false);
        }
      }}
      forceRender
    >
      <Flex vertical gap="middle">
        <div>
          <Typography.Paragraph>
            {t('publish.publishModal.explain', { id: run?.id ?? 0 })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text strong>{t('publish.publishModal.immutable')}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('publish.publishModal.version', { version: nextVersion })}
          </Typography.Paragraph>
        </div>
        <Form<PublishForm>
          form={form}
          layout="vertical"
          requiredMark
          onFinish={() => void submit()}
        >
          {reissue ? (
            <Form.Item
              name="reason"
              label={t('publish.publishModal.reason')}
              extra={t('publish.publishModal.reasonHint')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('publish.publishModal.reasonRequired'),
                },
              ]}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          ) : null}
        </Form>
        {publish.isError && !reasonRefused ? <ProblemAlert error={publish.error} /> : null}
      </Flex>
    </Modal>
  );
}
