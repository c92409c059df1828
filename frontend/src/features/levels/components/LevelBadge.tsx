import { Tag } from 'antd';

import { localized, useLanguage } from '@/i18n';

import { toneOfCode } from '../format';
import type { LevelTone } from '../format';
import type { LevelLike } from '../types';
import '../levels.css';

interface LevelBadgeProps {
  level: LevelLike | null | undefined;
  /** The codes of the level set, lowest first: tones the badge by its place in the set. */
  order?: readonly string[];
}

/** The colour (app.css, which keeps AA contrast; antd's preset tag colours do not) of each tone. */
const TONE_CLASSES: Record<LevelTone, string> = {
  low: 'tone-orange',
  mid: 'tone-blue',
  high: 'tone-green',
  none: '',
};

/** A unit's level (mức độ) as a tag toned by its place in the set; nothing when the framework
 * sets none. */
export function LevelBadge({ level, order }: LevelBadgeProps) {
  const language = useLanguage();
  if (!level) return null;
  const tone = toneOfCode(level.code, order);
  return (
    <Tag className={`level-badge level-tone-${tone} ${TONE_CLASSES[tone]}`} data-level={level.code}>
      {localized(language, level.name_vi, level.name_en)}
    </Tag>
  );
}
