export { roundKeys, useRounds } from './api/rounds';
export { DemoDataTag } from './components/DemoDataTag';
export { PracticeBanner } from './components/PracticeBanner';
export { PracticeTag } from './components/PracticeTag';
export { RoundTags } from './components/RoundTags';
export { RoundSelector } from './components/RoundSelector';
export { SelectedRoundProvider, useSelectedRound } from './selected-round';
