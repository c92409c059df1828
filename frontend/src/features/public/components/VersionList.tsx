import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { publicResultsPath } from '@/config/paths';
import { formatDateTime } from '@/lib/format';

import type { PublicVersion } from '../api/public';

interface VersionListProps {
  roundId: number;
  /** Newest first, as the API lists them. */
  versions: readonly PublicVersion[];
  shown: number;
  group?: string;
}

/** Every published version of the round, with its reason; the shown one marked. */
export function VersionList({ roundId, versions, shown, group }: VersionListProps) {
  const { t } = useTranslation();
  const latest = versions[0]?.version;
  return (
    <ul className="version-list">
      {versions.map((version) => {
        const label = t('public.versionNumber', { version: version.version });
        const reason = version.reason ?? (version.version === 1 ? t('public.firstIssue') : '');
        return (
          <li key={version.version}>
            {version.version === shown ? (
              <strong aria-current="true">
                {label} ({t('public.shown')})
              </strong>
            ) : (
              <Link
                to={publicResultsPath({
                  round: roundId,
                  version: version.version === latest ? undefined : version.version,
                  group,
                })}
              >
                {label}
              </Link>
            )}{' '}
            · {formatDateTime(version.published_at)}
            {reason ? ` · ${reason}` : ''}
          </li>
        );
      })}
    </ul>
  );
}
