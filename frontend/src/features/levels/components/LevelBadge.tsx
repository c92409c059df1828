import { Tag } from 'antd';

import { localized, useLanguage } from '@/i18n';

import { toneOfCode } from '../format';
import type { LevelLike } from '../types';
import '../levels.css';

interface LevelBadgeProps {
  level: LevelLike | null | undefined;
  /** The codes of the level set, lowest first: tones the badge by its place in the set. */
  order?: readonly string[];
}

/** A unit's level (mức độ) as a tag toned by its place in the set (colours of levels.css, which
 * keep AA contrast; antd's preset tag colours do not); nothing when the framework sets none. */
export function LevelBadge({ level, order }: LevelBadgeProps) {
  const language = useLanguage();
  if (!level) return null;
  return (
    <Tag
      className={`level-badge level-tone-${toneOfCode(level.code, order)}`}
      data-level={level.code}
    >
      {localized(language, level.name_vi, level.name_en)}
    </Tag>
  );
}
