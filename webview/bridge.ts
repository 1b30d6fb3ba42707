import type { PanelIntent } from '../src/protocol/messages';

/**
 * The panel's only line to whoever hosts it: the VS Code extension, or the replay inside a
 * standalone report, or a test. Views never talk to the host except through this.
 */
export interface HostBridge {
  post(intent: PanelIntent): void;
  /** Every message the host sends, unvalidated: the app validates before acting. */
  onMessage(listener: (message: unknown) => void): () => void;
  getState(): unknown;
  setState(state: unknown): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** The one place that calls acquireVsCodeApi (it may only be called once per webview). */
export function vscodeBridge(): HostBridge | undefined {
  if (typeof acquireVsCodeApi !== 'function') return undefined;
  const api = acquireVsCodeApi();
  return {
    post: (intent) => api.postMessage(intent),
    onMessage: (listener) => {
      const handler = (event: MessageEvent<unknown>): void => listener(event.data);
      window.addEventListener('message', handler);
      return () => window.removeEventListener('message', handler);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
