import type { Plan } from '../domain/plan/schema';
import type { RunResult } from '../domain/simulator/types';
import { escapeHtml, pageHtml } from '../panel/html';
import { replayOf } from '../panel/viewModel';
import type { ReportAssets } from './assets';
import { sha256Base64 } from './sha256';

/** Must match REPLAY_ID in webview/replayElement.ts, which reads the run back. */
const REPLAY_ELEMENT_ID = 'switchyard-replay';

function sha256(text: string): string {
  return `'sha256-${sha256Base64(text)}'`;
}

/** JSON inside <script> must never close the element or open a comment: escape every "<". */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * One self-contained HTML file that replays a run offline: the panel bundle, its styles and the
 * run inlined, under a Content-Security-Policy that allows exactly those inline blocks by hash
 * (a static file has no server to hand out a fresh nonce). The assets are the built panel
 * (loadReportAssets in Node; the extension reads them through VS Code's file system), so this
 * module runs where there is no Node too.
 *
 * @example
 * const run = simulate(plan, { scenario: 'bad-version' });
 * writeFileSync('checkout.report.html', renderReport(plan, run, loadReportAssets()));
 */
export function renderReport(plan: Plan, run: RunResult, assets: ReportAssets): string {
  const replay = replayOf(plan, run, { mode: 'report' });
  const style = assets.styles.join('\n');
  // "</script" cannot occur in a script element; in JS source it only occurs inside strings, where "<\/" means the same.
  const script = assets.script.replace(/<\/script/gi, '<\\/script');
  const title = `Switchyard report: ${run.service}, ${run.strategy}, scenario ${run.scenario}, seed ${run.seed}`;
  return pageHtml({
    title,
    csp: `default-src 'none'; img-src data:; style-src ${sha256(style)}; script-src ${sha256(script)}`,
    styles: `<style>${style}</style>`,
    scripts: [`<script type="application/json" id="${REPLAY_ELEMENT_ID}">${scriptSafeJson(replay)}</script>`, `<script>${script}</script>`].join('\n'),
    fallback: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(`${run.outcome}: ${run.reason}`)}</p><p>Enable JavaScript to replay the run.</p>`,
  });
}
