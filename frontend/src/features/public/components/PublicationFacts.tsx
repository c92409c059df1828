import { Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { publicMethodologyPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime } from '@/lib/format';

import type { PublicResults } from '../api/public';
import { shortHash } from '../format';

/** What was published: version, time, content hash, the reason of a re-issue, and the framework. */
export function PublicationFacts({ results }: { results: PublicResults }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items: DescriptionsProps['items'] = [
    {
      key: 'version',
      label: t('public.version'),
      children: t('public.versionNumber', { version: results.version }),
    },
    {
      key: 'published',
      label: t('public.publishedAt'),
      children: formatDateTime(results.published_at),
    },
    {
      key: 'hash',
      label: t('public.contentHash'),
      children: (
        <code className="content-hash" title={results.content_hash} data-testid="content-hash">
          {shortHash(results.content_hash)}
        </code>
      ),
    },
  ];
  if (results.version > 1 && results.reason) {
    items.push({ key: 'reason', label: t('public.reason'), children: results.reason });
  }
  items.push({
    key: 'framework',
    label: t('public.framework'),
    children: (
      <Link to={publicMethodologyPath(results.round.id)}>
        {localized(language, results.round.framework.title_vi, results.round.framework.title_en)}
      </Link>
    ),
  });
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />;
}
