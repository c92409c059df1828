import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import type { FrameworkProvenance, LevelSet, PartProvenance, PillarViewDefinition } from '../types';
import '../levels.css';

interface ProvenanceNoticeProps {
  provenance: FrameworkProvenance | null | undefined;
  levels?: readonly LevelSet[] | null;
  pillarViews?: readonly PillarViewDefinition[] | null;
}

interface SourcedPart {
  key: string;
  title: string;
  note?: string;
  url?: string | null;
}

function partOf(
  key: string,
  label: string,
  mark: PartProvenance | null | undefined,
  language: 'vi' | 'en',
): SourcedPart | undefined {
  if (mark?.kind !== 'sourced') return undefined;
  const note = localized(language, mark.note_vi ?? '', mark.note_en ?? '');
  return {
    key,
    title: mark.reference ? `${label}: ${mark.reference}` : label,
    note: note || undefined,
    url: mark.url,
  };
}

/**
 * The notice on a framework with illustrative parts (nội dung minh họa): what is illustrative and,
 * by name, what is sourced (its references, and the level sets and pillar views marked sourced).
 * Nothing for a wholly sourced framework or one whose provenance is not stated.
 */
export function ProvenanceNotice({ provenance, levels, pillarViews }: ProvenanceNoticeProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!provenance || provenance.kind === 'sourced') return null;

  const note = localized(language, provenance.note_vi ?? '', provenance.note_en ?? '');
  const sourced: SourcedPart[] = (provenance.references ?? []).map((reference, index) => ({
    key: `reference-${index}`,
    title: reference.title,
    note: localized(language, reference.note_vi ?? '', reference.note_en ?? '') || undefined,
    url: reference.url,
  }));
  (levels ?? []).forEach((set, index) => {
    const label = set.groups
      ? t('levels.levelsOfGroups', { groups: set.groups.join(', ') })
      : t('levels.levelsDefault');
    const part = partOf(`levels-${index}`, label, set.provenance, language);
    if (part) sourced.push(part);
  });
  (pillarViews ?? []).forEach((view) => {
    const label = t('levels.pillarViewNamed', {
      name: localized(language, view.name_vi, view.name_en),
    });
    const part = partOf(`view-${view.code}`, label, view.provenance, language);
    if (part) sourced.push(part);
  });

  return (
    <Alert
      type="warning"
      showIcon
      className="provenance-notice"
      data-testid="provenance-notice"
      title={t('levels.illustrativeTitle')}
      description={
        <>
          <p className="provenance-intro">
            {provenance.kind === 'illustrative'
              ? t('levels.allIllustrative')
              : t('levels.someIllustrative')}
            {note ? ` ${note}` : ''}
          </p>
          {sourced.length > 0 ? (
            <>
              <p className="provenance-sourced-heading">{t('levels.sourcedParts')}</p>
              <ul className="plain-list provenance-sources">
                {sourced.map((part) => (
                  <li key={part.key}>
                    {part.url ? (
                      <a href={part.url} target="_blank" rel="noreferrer noopener">
                        {part.title}
                      </a>
                    ) : (
                      <cite>{part.title}</cite>
                    )}
                    {part.note ? ` — ${part.note}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('levels.noSourcedParts')}</p>
          )}
        </>
      }
    />
  );
}
