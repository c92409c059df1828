export { roundKeys, useRounds } from './api/rounds';
export { DemoDataTag } from './components/DemoDataTag';
export { RoundSelector } from './components/RoundSelector';
export { SelectedRoundProvider, useSelectedRound } from './selected-round';
