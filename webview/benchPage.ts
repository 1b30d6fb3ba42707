import { isReplay } from '../src/protocol/guards';
import type { Replay } from '../src/protocol/replay';
import { viewAt } from '../src/protocol/viewAt';
import type { PanelApp } from './app';
import { createApp } from './app';
import type { HostBridge } from './bridge';
import { REPLAY_ID } from './replayElement';

// The bench's test page (npm run bench:panel): the panel app from the same modules as the bundle,
// driven frame by frame instead of by a host, so the figures measure drawing, not message timing.

export interface FrameRun {
  /** Real time between animation frames while playing. */
  frameMs: number[];
  /** Building the view (the host's share in VS Code) per frame. */
  viewMs: number[];
  /** Drawing it, style and layout included (forced by a layout read). */
  drawMs: number[];
  /** The style and layout share of drawMs (the forced layout read after the parts' updates). */
  layoutMs: number[];
  /** Each part's update, by part name (script only: style and layout come after, in layoutMs). */
  parts: Record<string, number[]>;
}

export interface PanelBench {
  /** From navigation start to the frame after the first view was drawn. */
  firstPaintMs: number;
  /** Plays the whole run over `frames` animation frames, one new view per frame. */
  play(frames: number): Promise<FrameRun>;
  /** Cells painted on canvases: pixels with any alpha, and how many canvases are shown. */
  canvasPixels(): { canvases: number; pixels: number };
}

const silentHost: HostBridge = { post: () => {}, onMessage: () => () => {}, getState: () => undefined, setState: () => {} };

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

async function play(app: PanelApp, replay: Replay, frames: number): Promise<FrameRun> {
  const parts: Record<string, number[]> = {};
  const run: FrameRun = { frameMs: [], viewMs: [], drawMs: [], layoutMs: [], parts };
  Object.assign(globalThis, { switchyardViewTimings: parts });
  let last = await nextFrame();
  for (let frame = 1; frame <= frames; frame++) {
    const now = await nextFrame();
    run.frameMs.push(now - last);
    last = now;
    const started = performance.now();
    const view = viewAt(replay, (replay.endMs * frame) / frames, { playing: true, speed: 60 });
    const built = performance.now();
    app.render(view);
    const rendered = performance.now();
    // Reading layout makes the browser do the style and layout work of this frame now, inside the measurement.
    void document.body.offsetHeight;
    const laidOut = performance.now();
    run.viewMs.push(built - started);
    run.drawMs.push(laidOut - built);
    run.layoutMs.push(laidOut - rendered);
  }
  Object.assign(globalThis, { switchyardViewTimings: undefined });
  return run;
}

function canvasPixels(): { canvases: number; pixels: number } {
  let pixels = 0;
  const shown = [...document.querySelectorAll<HTMLCanvasElement>('canvas.cells-canvas')].filter((canvas) => !canvas.hidden);
  for (const canvas of shown) {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) continue;
    for (let index = 3; index < data.length; index += 4) if ((data[index] ?? 0) > 0) pixels += 1;
  }
  return { canvases: shown.length, pixels };
}

function start(): void {
  const replay: unknown = JSON.parse(document.getElementById(REPLAY_ID)?.textContent ?? 'null');
  const root = document.getElementById('app');
  if (!isReplay(replay) || !root) throw new Error('the bench page needs #app and an embedded replay');
  document.body.classList.add('vscode-dark');
  const app = createApp(root, silentHost);
  app.render(viewAt(replay, 0, { playing: false, speed: 60 }));
  void nextFrame().then((firstPaintMs) => {
    const bench: PanelBench = { firstPaintMs, play: (frames) => play(app, replay, frames), canvasPixels };
    Object.assign(window, { switchyardBench: bench });
  });
}

start();
