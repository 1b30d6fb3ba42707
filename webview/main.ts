import { isReplay } from '../src/protocol/guards';
import { createApp } from './app';
import type { HostBridge } from './bridge';
import { vscodeBridge } from './bridge';
import { REPLAY_ID } from './replayElement';
import { reportBridge } from './standaloneHost';

function reportTheme(): void {
  // VS Code sets these body classes itself; a report follows the browser's colour scheme.
  if (document.body.classList.contains('vscode-light') || document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast')) return;
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  document.body.classList.add(dark ? 'vscode-dark' : 'vscode-light');
  if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) document.body.classList.add('vscode-reduce-motion');
}

function chooseBridge(): HostBridge | string {
  const vscode = vscodeBridge();
  if (vscode) return vscode;
  const embedded = document.getElementById(REPLAY_ID)?.textContent;
  if (!embedded) return 'This page has no run to show: open it from VS Code or a Switchyard report.';
  let replay: unknown;
  try {
    replay = JSON.parse(embedded);
  } catch {
    return 'The report\'s embedded run is not valid JSON; write the report again with switchyard simulate --report.';
  }
  if (!isReplay(replay)) return 'The report\'s embedded run is incomplete; write the report again with switchyard simulate --report.';
  reportTheme();
  return reportBridge(replay);
}

function start(): void {
  const root = document.getElementById('app') ?? document.body;
  const bridge = chooseBridge();
  if (typeof bridge === 'string') {
    root.textContent = bridge;
    return;
  }
  createApp(root, bridge);
}

start();
