export { FrameworkLevelsCard } from './components/FrameworkLevelsCard';
export { LevelBadge } from './components/LevelBadge';
export { LevelCounts } from './components/LevelCounts';
export { PillarViewsTable } from './components/PillarViewsTable';
export { ProvenanceNotice } from './components/ProvenanceNotice';
export { formatIndex as formatLevelIndex, toneOfCode } from './format';
export type { LevelTone } from './format';
export type {
  FrameworkProvenance,
  LevelCountLike,
  LevelLike,
  LevelSet,
  PillarViewDefinition,
  PillarViewLike,
} from './types';
