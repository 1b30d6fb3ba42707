/** The id of the JSON block a standalone report (and the bench page) embeds its run in; see src/report. */
export const REPLAY_ID = 'switchyard-replay';
