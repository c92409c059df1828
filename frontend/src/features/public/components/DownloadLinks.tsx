import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import type { DownloadKind } from '../api/public';
import { downloadUrl } from '../api/public';

const KINDS: readonly {
  kind: DownloadKind;
  labelKey: 'public.downloadCsv' | 'public.downloadExcel' | 'public.downloadJson';
}[] = [
  { kind: 'csv', labelKey: 'public.downloadCsv' },
  { kind: 'xlsx', labelKey: 'public.downloadExcel' },
  { kind: 'json', labelKey: 'public.downloadJson' },
];

interface DownloadLinksProps {
  roundId: number;
  year: number;
  /** The version on screen: the files are of that version, whatever is published later. */
  version: number;
}

/** Plain links to the published files (CSV, Excel, JSON) of the version shown. */
export function DownloadLinks({ roundId, year, version }: DownloadLinksProps) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {KINDS.map(({ kind, labelKey }) => (
        <Button
          key={kind}
          href={downloadUrl(roundId, version, kind)}
          // The API names the CSV and Excel files; the JSON document is not an attachment, so name it.
          download={kind === 'json' ? `dti-${year}-v${version}.json` : ''}
          icon={<DownloadOutlined aria-hidden />}
        >
          {t(labelKey)}
        </Button>
      ))}
    </Space>
  );
}
