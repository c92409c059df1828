export { FirstRunTour } from './components/FirstRunTour';
export { HelpButton } from './components/HelpButton';
