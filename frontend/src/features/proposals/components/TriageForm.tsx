import { AutoComplete, Button, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Criterion } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCriteria, useFrameworks } from '@/features/frameworks';
import { localized, useLanguage } from '@/i18n';
import type { Language } from '@/i18n';

import { useTriageProposal } from '../api/proposals';
import type { Decision, Proposal } from '../api/proposals';

interface Values {
  decision?: Decision;
  target_framework_id?: number;
  target_criterion_code?: string;
  duplicate_of_id?: number | null;
  note?: string;
}

function flatten(
  nodes: readonly Criterion[],
  language: Language,
): { value: string; label: string }[] {
  return nodes.flatMap((node) => [
    {
      value: node.code,
      label: `${node.code} – ${localized(language, node.name_vi, node.name_en)}`,
    },
    ...flatten(node.children, language),
  ]);
}

interface TriageFormProps {
  proposal: Proposal;
  /** After the answer is recorded, before the lists are read again. */
  onAnswered: (answered: Proposal) => void;
}

/**
 * DIC's answer to a proposal: accepted into a draft version (only drafts are offered) and linked
 * to the criterion code there that answers it, declined with a reason the unit reads, or a
 * duplicate of another proposal.
 */
export function TriageForm({ proposal, onAnswered }: TriageFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  const targetId = Form.useWatch('target_framework_id', form);
  const frameworks = useFrameworks();
  const drafts = (frameworks.data?.items ?? []).filter((item) => item.status === 'draft');
  const criteria = useCriteria(decision === 'accepted' ? targetId : undefined, undefined);
  const codes = useMemo(() => flatten(criteria.data ?? [], language), [criteria.data, language]);
  const save = useTriageProposal(proposal, { onSuccess: onAnswered });

  const finish = (values: Values) => {
    const chosen = values.decision ?? 'declined';
    const note = values.note?.trim() ?? '';
    save.mutate({
      decision: chosen,
      ...(note ? { note } : {}),
      ...(chosen === 'accepted'
        ? {
            target_framework_id: values.target_framework_id ?? null,
            target_criterion_code: values.target_criterion_code?.trim() ?? null,
          }
        : {}),
      ...(chosen === 'duplicate' ? { duplicate_of_id: values.duplicate_of_id ?? null } : {}),
    });
  };

  return (
    <section aria-label={t('proposals.triage.label', { id: proposal.id })}>
      <Typography.Title level={3} className="card-heading">
        {proposal.status === 'submitted'
          ? t('proposals.triage.title')
          : t('proposals.triage.revise')}
      </Typography.Title>
      <Form<Values>
        form={form}
        name={`triage-${proposal.id}`}
        layout="vertical"
        onFinish={finish}
        initialValues={{
          target_criterion_code: proposal.criterion_code ?? undefined,
        }}
      >
        <Form.Item
          name="decision"
          label={t('proposals.triage.decision')}
          rules={[{ required: true, message: t('proposals.triage.decisionRequired') }]}
        >
          <Radio.Group
            options={(['accepted', 'declined', 'duplicate'] as const).map((value) => ({
              value,
              label: t(`proposals.triage.decisions.${value}`),
            }))}
          />
        </Form.Item>
        {decision === 'accepted' ? (
          <>
            <Form.Item
              name="target_framework_id"
              label={t('proposals.triage.target')}
              extra={
                drafts.length === 0
                  ? t('proposals.triage.noDrafts')
                  : t('proposals.triage.targetHint')
              }
              rules={[{ required: true, message: t('proposals.triage.targetRequired') }]}
            >
              <Select<number>
                loading={frameworks.isPending}
                options={drafts.map((item) => ({
                  value: item.id,
                  label: `${item.code} – ${localized(language, item.title_vi, item.title_en)}`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="target_criterion_code"
              label={t('proposals.triage.code')}
              extra={t('proposals.triage.codeHint')}
              rules={[
                { required: true, whitespace: true, message: t('proposals.triage.codeRequired') },
              ]}
            >
              <AutoComplete
                options={codes}
                showSearch={{
                  filterOption: (input, option) =>
                    (option?.label ?? '').toLowerCase().includes(input.toLowerCase()),
                }}
                maxLength={32}
              />
            </Form.Item>
          </>
        ) : null}
        {decision === 'duplicate' ? (
          <Form.Item
            name="duplicate_of_id"
            label={t('proposals.triage.duplicateOf')}
            rules={[{ required: true, message: t('proposals.triage.duplicateRequired') }]}
          >
            <InputNumber<number> min={1} precision={0} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={
            decision === 'declined' ? t('proposals.triage.reason') : t('proposals.triage.note')
          }
          rules={
            decision === 'declined'
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('proposals.triage.reasonRequired'),
                  },
                ]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        {save.isError ? <ProblemAlert error={save.error} className="form-alert" /> : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('proposals.triage.submit')}
        </Button>
      </Form>
    </section>
  );
}
