import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { proposalPath } from '@/config/paths';

import { linksFor, useFrameworkProposals } from '../api/proposal-links';

interface ProposalLinksProps {
  /** The draft version the proposals were accepted into. */
  frameworkId: number;
  /** A criterion code in that version (a change of the diff). */
  code: string;
  /** Say so when none is linked (a detail panel); a diff row shows nothing instead. */
  showEmpty?: boolean;
}

/**
 * Which units' proposals a change of a draft answers: one link per proposal accepted into the
 * version with this criterion code. Every instance on a page shares one request per version.
 */
export function ProposalLinks({ frameworkId, code, showEmpty = false }: ProposalLinksProps) {
  const { t } = useTranslation();
  const links = useFrameworkProposals(frameworkId);
  const found = linksFor(links.data, code);
  if (found.length === 0) {
    return showEmpty && links.isSuccess ? (
      <Typography.Text type="secondary">{t('proposals.links.none')}</Typography.Text>
    ) : null;
  }
  return (
    <Space size={[4, 4]} wrap aria-label={t('proposals.links.label', { code })} role="list">
      {found.map((link) => (
        <Tooltip key={link.id} title={link.title}>
          <Tag role="listitem" color="blue">
            <Link to={proposalPath(link.id)}>
              {t('proposals.links.item', { id: link.id, unit: link.unit_code })}
            </Link>
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
