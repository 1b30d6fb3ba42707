import type { InstanceState, RoleName } from '../../src/protocol/view';
import type { Cell } from './environments';

const ROLE_COLOUR: Record<RoleName, string> = { stable: '--vscode-charts-blue', candidate: '--vscode-charts-green' };
const FALLBACK: Record<RoleName, string> = { stable: '#3794ff', candidate: '#89d185' };
const STATE_ALPHA: Record<InstanceState, number> = { ready: 1, starting: 0.4, draining: 0.2, failed: 1 };

/**
 * The same cells as the SVG path, painted on a canvas for large fleets. A canvas cannot use CSS
 * variables, so the theme colours are read from the computed style at each draw (a theme change
 * shows on the next frame).
 */
export function drawCellsOnCanvas(canvas: HTMLCanvasElement, role: RoleName, cells: Cell[], layout: { size: number; gap: number; columns: number }, width: number, height: number): void {
  const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  // CSSOM, not a style attribute: allowed by the panel's CSP.
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const styles = getComputedStyle(canvas);
  const colour = styles.getPropertyValue(ROLE_COLOUR[role]).trim() || FALLBACK[role];
  const failed = styles.getPropertyValue('--vscode-charts-red').trim() || '#f14c4c';
  const step = layout.size + layout.gap;
  // One fillStyle per state keeps the per-cell work to a single fillRect.
  for (const state of ['ready', 'starting', 'draining', 'failed'] as const) {
    context.fillStyle = state === 'failed' ? failed : colour;
    context.globalAlpha = STATE_ALPHA[state];
    cells.forEach((cell, index) => {
      if (cell.state !== state) return;
      context.fillRect((index % layout.columns) * step, Math.floor(index / layout.columns) * step, layout.size, layout.size);
    });
  }
  context.globalAlpha = 1;
}
