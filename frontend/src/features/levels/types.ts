/** The shapes this feature reads: the framework's levels, pillar views and provenance, and the
 * results that carry them (score runs and publications share them by structure). */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type FrameworkProvenance = Schemas['FrameworkProvenance'];
export type PartProvenance = Schemas['PartProvenance'];
export type LevelSet = Schemas['LevelSetIn-Output'];
export type PillarViewDefinition = Schemas['PillarViewIn'];

/** A level (mức độ) as results name it. */
export interface LevelLike {
  code: string;
  name_vi: string;
  name_en: string;
}

/** Units at one level of a group's level set. */
export interface LevelCountLike extends LevelLike {
  min_index: string;
  count: number;
}

/** A pillar view's (trụ cột) value for a unit; score runs add its parts and formula. */
export interface PillarViewLike {
  code: string;
  name_vi: string;
  name_en: string;
  points: string;
  max_points: string;
  index: string;
  formula_vi?: string;
  formula_en?: string;
}
