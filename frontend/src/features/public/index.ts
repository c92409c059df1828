export type { PublicGroup, PublicRanking, PublicResults, PublicRoundItem } from './api/public';
export { usePublicResults, usePublicRounds } from './api/public';
export { ChartData } from './components/ChartData';
export type { ChartOption } from './components/EChart';
export { CHART_COLORS, EChart } from './components/EChart';
export { RankChangeTag } from './components/RankChangeTag';
export { rankChangeColumn } from './components/rankChangeColumn';
export type { RankChange, RankedGroup } from './rank-change';
export { previousRound, rankChanges } from './rank-change';
