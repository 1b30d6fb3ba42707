export * from './view';
export * from './messages';
export * from './comparison';
export * from './replay';
export { viewAt } from './viewAt';
export type { PlaybackStatus } from './viewAt';
export { PlaybackClock } from './playback';
export type { PlaybackOptions, PlaybackScheduler } from './playback';
export { hostMessageProblem, isHostMessage, isPanelIntent, isPanelView, isReplay, panelIntentProblem } from './guards';
