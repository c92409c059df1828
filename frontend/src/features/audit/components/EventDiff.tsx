import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { diffEvent, formatValue } from '../diff';
import type { DiffKind } from '../diff';

/** Colours whose text keeps 4.5:1 (WCAG AA): antd's green tag does not. */
const KIND_COLOURS: Record<DiffKind, string> = {
  added: '#237804',
  removed: 'magenta',
  changed: 'blue',
};

interface EventDiffProps {
  before: Record<string, unknown> | null | undefined;
  after: Record<string, unknown> | null | undefined;
}

/** What an event changed, field by field: before → after. */
export function EventDiff({ before, after }: EventDiffProps) {
  const { t } = useTranslation();
  const lines = diffEvent(before, after);
  if (lines.length === 0) {
    return <Typography.Text type="secondary">{t('adminAudit.noChange')}</Typography.Text>;
  }
  return (
    <table className="audit-diff">
      <caption className="sr-only">{t('adminAudit.diffCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adminAudit.field')}</th>
          <th scope="col">{t('adminAudit.change')}</th>
          <th scope="col">{t('adminAudit.before')}</th>
          <th scope="col">{t('adminAudit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={`${line.path}:${index}`} className={`audit-diff-${line.kind}`}>
            <td>
              <code>{line.path}</code>
            </td>
            <td>
              <Tag color={KIND_COLOURS[line.kind]}>{t(`adminAudit.kind_${line.kind}`)}</Tag>
            </td>
            <td className="audit-diff-before">
              {line.kind === 'added' ? '' : <del>{formatValue(line.before)}</del>}
            </td>
            <td className="audit-diff-after">
              {line.kind === 'removed' ? '' : <ins>{formatValue(line.after)}</ins>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
