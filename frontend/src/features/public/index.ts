export { usePublicResults, usePublicRounds } from './api/public';
export type { PublicResults, PublicRoundItem } from './api/public';
export { RankChangeTag } from './components/RankChangeTag';
export { previousRound, rankChanges } from './rank-change';
export type { RankChange, RankedGroup } from './rank-change';
