import type { PanelView } from './view';

/**
 * Messages between the extension host and the release panel, `scope/verb` names. The host sends
 * complete views (never deltas) with a growing sequence number; the webview sends intents and
 * never state. Each side validates what it receives (see guards.ts) and drops what does not fit.
 */

/** Host -> webview. */
export type HostMessage =
  | { type: 'view/snapshot'; seq: number; view: PanelView }
  /** Errors travel as data: the panel shows them and keeps the last good view. */
  | { type: 'view/error'; seq: number; message: string };

export const OPERATOR_VERBS = ['promote', 'promoteFull', 'pause', 'resume', 'abort', 'retry', 'skipStep'] as const;
export type OperatorVerb = (typeof OPERATOR_VERBS)[number];

/** Webview -> host. */
export type PanelIntent =
  /** Sent once the webview listens; the host sends nothing before it. */
  | { type: 'panel/ready' }
  | { type: 'playback/play' }
  | { type: 'playback/pause' }
  /** To the next (1) or previous (-1) journal event. */
  | { type: 'playback/step'; direction: 1 | -1 }
  | { type: 'playback/seek'; t: number }
  /** Virtual seconds per real second, 1..3600. */
  | { type: 'playback/speed'; speed: number }
  | { type: 'scenario/choose'; name: string }
  | { type: 'seed/set'; seed: number }
  /** Re-simulate with this fault added to the scenario at the current instant. */
  | { type: 'fault/inject'; kind: string; role: 'stable' | 'candidate' | null }
  | { type: 'fault/clear' }
  | { type: `operator/${OperatorVerb}` }
  /** Save the shown run as a standalone HTML report. */
  | { type: 'report/export' }
  /** Run this plan and the chosen option (ComparisonView.options[].id) `runs` times each on the shown scenario. */
  | { type: 'compare/run'; with: string; runs: number }
  /** Stop comparing and forget the result. */
  | { type: 'compare/clear' }
  /** Switch to the compared plan: open it and its panel on the same scenario. */
  | { type: 'compare/choose'; id: string }
  /** Run the plan's bad and good scenarios `runs` times each and show their distributions. */
  | { type: 'risk/run'; runs: number };

export type PanelIntentType = PanelIntent['type'];

export const MIN_SPEED = 1;
export const MAX_SPEED = 3600;
