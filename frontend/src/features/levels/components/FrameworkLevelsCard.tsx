import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import { formatThreshold } from '../format';
import type { LevelSet, PartProvenance, PillarViewDefinition } from '../types';

import { LevelBadge } from './LevelBadge';
import '../levels.css';

interface FrameworkLevelsCardProps {
  levels: readonly LevelSet[] | null | undefined;
  pillarViews: readonly PillarViewDefinition[] | null | undefined;
  /** A criterion's name by code, for the pillar views' lists. */
  nameOf?: (code: string) => string | undefined;
}

function ProvenanceTag({ mark }: { mark: PartProvenance | null | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!mark) return null;
  const note = localized(language, mark.note_vi ?? '', mark.note_en ?? '');
  const title = [mark.reference, note].filter(Boolean).join(' — ');
  return (
    <Tag
      className={`provenance-tag provenance-${mark.kind} ${mark.kind === 'sourced' ? 'tone-green' : 'tone-gold'}`}
      title={title || undefined}
    >
      {mark.kind === 'sourced' ? t('levels.sourced') : t('levels.illustrative')}
      {mark.kind === 'sourced' && mark.reference ? `: ${mark.reference}` : ''}
    </Tag>
  );
}

/** A framework's levels (mức độ) per group and its pillar views (trụ cột), with their sources. */
export function FrameworkLevelsCard({ levels, pillarViews, nameOf }: FrameworkLevelsCardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!levels?.length && !pillarViews?.length) return null;
  return (
    <Card
      size="small"
      className="framework-levels"
      title={<h2 className="card-heading">{t('levels.frameworkTitle')}</h2>}
    >
      {levels?.length ? (
        <section aria-label={t('levels.levelsHeading')}>
          <Typography.Title level={3} className="section-heading">
            {t('levels.levelsHeading')}
          </Typography.Title>
          <ul className="plain-list level-sets">
            {levels.map((set, index) => {
              const order = set.bands.map((band) => band.code);
              return (
                <li key={set.groups?.join(',') ?? `default-${index}`}>
                  <strong>
                    {set.groups
                      ? t('levels.levelsOfGroups', { groups: set.groups.join(', ') })
                      : t('levels.levelsDefault')}
                  </strong>{' '}
                  <ProvenanceTag mark={set.provenance} />
                  <ul className="plain-list level-bands">
                    {set.bands.map((band, position) => {
                      const next = set.bands[position + 1];
                      const from = formatThreshold(band.min_index, language);
                      return (
                        <li key={band.code}>
                          <LevelBadge level={band} order={order} />
                          {next
                            ? t('levels.range', {
                                from,
                                to: formatThreshold(next.min_index, language),
                              })
                            : t('levels.rangeTop', { from })}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {pillarViews?.length ? (
        <section aria-label={t('levels.pillarViewsHeading')}>
          <Typography.Title level={3} className="section-heading">
            {t('levels.pillarViewsHeading')}
          </Typography.Title>
          <ul className="plain-list pillar-view-defs">
            {pillarViews.map((view) => (
              <li key={view.code}>
                <strong>{localized(language, view.name_vi, view.name_en)}</strong>{' '}
                <ProvenanceTag mark={view.provenance} />
                <div>
                  {t('levels.pillarViewCriteria', {
                    criteria: view.criteria
                      .map((code) => {
                        const name = nameOf?.(code);
                        return name ? `${code}. ${name}` : code;
                      })
                      .join('; '),
                  })}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  );
}
