import type { PanelIntent } from '../../src/protocol/messages';
import type { PanelView } from '../../src/protocol/view';

/** What a view may do besides drawing: send intents (seek, play...) to the host. */
export interface PartContext {
  post(intent: PanelIntent): void;
}

/**
 * One area of the panel. It owns its root element (nothing else writes inside it), draws the
 * complete view on every update, and removes what it added on destroy.
 */
export interface PanelPart {
  update(view: PanelView): void;
  destroy(): void;
}
