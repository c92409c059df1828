import { Tag } from 'antd';

import { localized, useLanguage } from '@/i18n';

import { colorOfCode } from '../format';
import type { LevelLike } from '../types';

interface LevelBadgeProps {
  level: LevelLike | null | undefined;
  /** The codes of the level set, lowest first: colours the badge by its place in the set. */
  order?: readonly string[];
}

/** A unit's level (mức độ) as a coloured tag; nothing when the framework sets none. */
export function LevelBadge({ level, order }: LevelBadgeProps) {
  const language = useLanguage();
  if (!level) return null;
  return (
    <Tag color={colorOfCode(level.code, order)} className="level-badge" data-level={level.code}>
      {localized(language, level.name_vi, level.name_en)}
    </Tag>
  );
}
