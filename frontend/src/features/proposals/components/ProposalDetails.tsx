import { DownloadOutlined } from '@ant-design/icons';
import { Button, Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';

import { useLanguage } from '@/i18n';
import { formatDateTime, formatFileSize } from '@/lib/format';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import { downloadAttachment } from '../api/proposals';
import type { Proposal } from '../api/proposals';
import { ProposalAnswer } from './ProposalAnswer';
import { ProposalStatusTag } from './ProposalStatusTag';

/** Everything a proposal says, its file (a download) and DIC's answer. */
export function ProposalDetails({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const file = proposal.attachment;
  const download = () => {
    if (!file) return;
    downloadAttachment(proposal.id, file.filename).catch((error: unknown) =>
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) }),
    );
  };
  const items: DescriptionsProps['items'] = [
    {
      key: 'unit',
      label: t('proposals.unit'),
      children: `${proposal.unit_code} – ${proposal.unit_name_vi}`,
    },
    { key: 'framework', label: t('proposals.framework'), children: proposal.framework_code },
    { key: 'kind', label: t('proposals.kind'), children: t(`proposals.kinds.${proposal.kind}`) },
    {
      key: 'criterion',
      label: t('proposals.criterion'),
      children: proposal.criterion_code ?? t('proposals.noCriterion'),
    },
    {
      key: 'filed',
      label: t('proposals.filed'),
      children: t('proposals.filedBy', {
        name: proposal.filed_by_name ?? proposal.filed_by,
        at: formatDateTime(proposal.filed_at),
      }),
    },
    {
      key: 'rationale',
      label: t('proposals.rationale'),
      children: <Typography.Text className="proposal-text">{proposal.rationale}</Typography.Text>,
    },
    {
      key: 'proposed',
      label: t('proposals.proposedText'),
      children: (
        <Typography.Text className="proposal-text">{proposal.proposed_text}</Typography.Text>
      ),
    },
    {
      key: 'file',
      label: t('proposals.file'),
      children: file ? (
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          aria-label={t('proposals.download', { name: file.filename })}
          onClick={download}
          style={{ paddingInline: 0 }}
        >
          {file.filename} ({formatFileSize(file.size, language)})
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('proposals.noFile')}</Typography.Text>
      ),
    },
    {
      key: 'status',
      label: t('proposals.status'),
      children: <ProposalStatusTag status={proposal.status} />,
    },
    {
      key: 'answer',
      label: t('proposals.answer'),
      children: (
        <span>
          <ProposalAnswer proposal={proposal} />
          {proposal.decided_at ? (
            <Typography.Text type="secondary">
              {' '}
              (
              {t('proposals.decidedBy', {
                name: proposal.decided_by_name ?? proposal.decided_by ?? '',
                at: formatDateTime(proposal.decided_at),
              })}
              )
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
  ];
  return <Descriptions size="small" column={1} bordered items={items} />;
}
