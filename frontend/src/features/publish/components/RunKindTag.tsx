import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

import type { RunKind } from '../api/publish';

// Hand-picked so the text keeps AA contrast on its background (antd's preset green and blue do not).
const STYLES: Record<RunKind, CSSProperties | undefined> = {
  draft: undefined,
  preliminary: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  final: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
};

/** A score run's kind: draft (DIC only), preliminary (shared with the units) or final. */
export function RunKindTag({ kind }: { kind: RunKind }) {
  const { t } = useTranslation();
  return (
    <Tag style={STYLES[kind]} data-kind={kind}>
      {t(`publish.runs.kinds.${kind}`)}
    </Tag>
  );
}

/** A run that is (or was) public, with the versions it was published as. */
export function PublishedTag({ versions }: { versions: number[] }) {
  const { t } = useTranslation();
  return (
    <Tag style={{ color: '#ffffff', background: '#135200', borderColor: '#135200' }}>
      {t('publish.runs.publishedAs', {
        versions: versions.map((version) => `v${version}`).join(', '),
      })}
    </Tag>
  );
}
