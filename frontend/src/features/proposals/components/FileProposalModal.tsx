import { App, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Criterion, Framework } from '@/api/types';
import { AttachmentPicker, AttachmentProgress } from '@/components/Attachment';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCriteria, useFrameworks } from '@/features/frameworks';
import { useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import type { Language } from '@/i18n';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { PROPOSAL_KINDS, useFileProposal } from '../api/proposals';
import type { ProposalKind } from '../api/proposals';

/** What the API accepts (judged from the bytes; the list only helps the file picker). */

interface Values {
  framework_id: number;
  kind: ProposalKind;
  criterion_code?: string | undefined;
  title: string;
  rationale: string;
  proposed_text: string;
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function treeOptions(nodes: readonly Criterion[], language: Language): TreeOption[] {
  return nodes.map((node) => ({
    value: node.code,
    title: `${node.code} – ${localized(language, node.name_vi, node.name_en)}`,
    children: treeOptions(node.children, language),
  }));
}

/** The version a unit most likely means: the selected round's, else the newest active one. */
function defaultFramework(frameworks: readonly Framework[], roundFramework: number | undefined) {
  return (
    frameworks.find((framework) => framework.id === roundFramework) ??
    frameworks.find((framework) => framework.status === 'active') ??
    frameworks[0]
  );
}

interface FileProposalModalProps {
  open: boolean;
  onClose: () => void;
}

/** A unit's proposal: which version and indicator (or a new one), why, what instead, and a file. */
export function FileProposalModal({ open, onClose }: FileProposalModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [percent, setPercent] = useState<number | null>(null);
  const frameworks = useFrameworks();
  const { round } = useSelectedRound();
  const initial = defaultFramework(frameworks.data?.items ?? [], round?.framework_id);
  const frameworkId = (Form.useWatch('framework_id', form) as number | undefined) ?? initial?.id;
  const kind = (Form.useWatch('kind', form) as ProposalKind | undefined) ?? 'change';
  const criteria = useCriteria(frameworkId, undefined);
  useEffect(() => {
    // The list arrives after the form is drawn: start from the likeliest version.
    if (open && initial && form.getFieldValue('framework_id') === undefined) {
      form.setFieldValue('framework_id', initial.id);
    }
  }, [open, initial, form]);
  const tree = useMemo(() => treeOptions(criteria.data ?? [], language), [criteria.data, language]);
  const filing = useFileProposal({
    onSuccess: (filed) => {
      void message.success(t('proposals.sent', { id: filed.id }));
      onClose();
    },
  });

  const reset = () => {
    form.resetFields();
    setFiles([]);
    setPercent(null);
    filing.reset();
  };

  const submit = (values: Values) => {
    const file = files[0]?.originFileObj;
    filing.mutate({
      body: {
        framework_id: values.framework_id,
        kind: values.kind,
        criterion_code: values.criterion_code ?? null,
        title: values.title.trim(),
        rationale: values.rationale.trim(),
        proposed_text: values.proposed_text.trim(),
      },
      file,
      onProgress: setPercent,
      onFileFailed: (failure) => {
        // The proposal itself is filed: say which part failed, and keep it.
        notifyError({
          title: t('errors.title'),
          description: t('proposals.fileFailed', {
            name: file?.name ?? '',
            message: problemMessage(failure, t),
          }),
        });
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('proposals.formTitle')}
      okText={t('proposals.send')}
      cancelText={t('common.cancel')}
      confirmLoading={filing.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={reset}
      closable={{ 'aria-label': t('common.close') }}
      width={720}
      forceRender
    >
      {filing.isError ? <ProblemAlert error={filing.error} className="form-alert" /> : null}
      {frameworks.isError ? <ProblemAlert error={frameworks.error} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        name="file-proposal"
        onFinish={submit}
        initialValues={{ kind: 'change' }}
      >
        <Form.Item
          name="framework_id"
          label={t('proposals.framework')}
          rules={[{ required: true, message: t('proposals.frameworkRequired') }]}
        >
          <Select<number>
            loading={frameworks.isPending}
            onChange={() => form.setFieldValue('criterion_code', undefined)}
            options={(frameworks.data?.items ?? []).map((item) => ({
              value: item.id,
              label: `${item.code} – ${localized(language, item.title_vi, item.title_en)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('proposals.kind')}>
          <Radio.Group
            options={PROPOSAL_KINDS.map((value) => ({
              value,
              label: t(`proposals.kinds.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="criterion_code"
          label={kind === 'new' ? t('proposals.criterionParent') : t('proposals.criterion')}
          extra={kind === 'new' ? t('proposals.criterionParentHint') : undefined}
          rules={
            kind === 'new' ? [] : [{ required: true, message: t('proposals.criterionRequired') }]
          }
        >
          <TreeSelect
            showSearch={{ treeNodeFilterProp: 'title' }}
            allowClear
            virtual={false}
            treeDefaultExpandAll
            loading={criteria.isFetching}
            treeData={tree}
            placeholder={t('proposals.criterionPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('proposals.title')}
          rules={[{ required: true, whitespace: true, message: t('proposals.titleRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="rationale"
          label={t('proposals.rationale')}
          extra={t('proposals.rationaleHint')}
          rules={[{ required: true, whitespace: true, message: t('proposals.rationaleRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item
          name="proposed_text"
          label={t('proposals.proposedText')}
          extra={t('proposals.proposedTextHint')}
          rules={[
            { required: true, whitespace: true, message: t('proposals.proposedTextRequired') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item label={t('proposals.file')} htmlFor="file-proposal-file">
          <AttachmentPicker
            id="file-proposal-file"
            files={files}
            onChange={setFiles}
            label={t('proposals.chooseFile')}
          />
        </Form.Item>
      </Form>
      {files[0] ? (
        <AttachmentProgress
          percent={percent}
          label={t('proposals.uploading', { name: files[0].name })}
        />
      ) : null}
    </Modal>
  );
}
