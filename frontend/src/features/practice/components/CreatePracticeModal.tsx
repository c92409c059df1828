import { App, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Round } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { localized, useLanguage } from '@/i18n';

import { useCreatePractice } from '../api/practice';
import type { PracticeCreate } from '../api/practice';

interface CreatePracticeModalProps {
  /** The real round to copy; null: the dialog is closed. */
  round: Round | null;
  onClose: () => void;
}

interface PracticeForm {
  title_vi: string;
  title_en: string;
  schedule: NonNullable<PracticeCreate['schedule']>;
}

/** The titles the API would give (the original's, marked as practice), offered for editing: in
 * Vietnamese and in English whatever the language of the screen. */
function initialValues(round: Round | null): PracticeForm {
  return {
    title_vi: round ? `Tập huấn – ${round.title_vi}`.slice(0, 500) : '',
    title_en: round ? `Practice – ${round.title_en}`.slice(0, 500) : '',
    schedule: 'open',
  };
}

/**
 * «Tạo vòng tập huấn»: says what a practice copy is (same framework and units, none of the data,
 * never published), with its titles and schedule, then makes it.
 */
export function CreatePracticeModal({ round, onClose }: CreatePracticeModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<PracticeForm>();
  const create = useCreatePractice(round?.id ?? 0, {
    onSuccess: (created) => {
      void message.success(
        t('practice.created', { title: localized(language, created.title_vi, created.title_en) }),
      );
      onClose();
    },
  });
  const title = round ? localized(language, round.title_vi, round.title_en) : '';

  const submit = async () => {
    let values: PracticeForm;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    create.mutate({
      title_vi: values.title_vi.trim(),
      title_en: values.title_en.trim(),
      schedule: values.schedule,
    });
  };

  return (
    <Modal
      open={round !== null}
      title={t('practice.createTitle')}
      okText={t('practice.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={() => {
        if (!create.isPending) onClose();
      }}
      afterOpenChange={(opened) => {
        if (!opened) {
          form.resetFields();
          create.reset();
        }
      }}
      destroyOnHidden
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('practice.createIntro', { title })}
        </Typography.Paragraph>
        <Form<PracticeForm>
          form={form}
          layout="vertical"
          requiredMark
          onFinish={() => void submit()}
          initialValues={initialValues(round)}
        >
          <Form.Item
            name="title_vi"
            label={t('practice.titleVi')}
            rules={[{ required: true, whitespace: true, message: t('practice.titleRequired') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item
            name="title_en"
            label={t('practice.titleEn')}
            rules={[{ required: true, whitespace: true, message: t('practice.titleRequired') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="schedule" label={t('practice.schedule')} style={{ marginBottom: 0 }}>
            <Radio.Group>
              <Flex vertical gap="small">
                <Radio value="open">{t('practice.scheduleOpen')}</Radio>
                <Radio value="shifted">{t('practice.scheduleShifted')}</Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
        </Form>
        {create.isError ? <ProblemAlert error={create.error} /> : null}
      </Flex>
    </Modal>
  );
}
