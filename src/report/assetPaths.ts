/**
 * Where the built panel a report inlines lives in the package, and how its script is cleaned: read
 * from disk by the CLI (assets.ts) and through VS Code's file system by the extension, in the
 * browser too (src/host/panel/reportAssets.ts).
 */
export const REPORT_SCRIPT = ['dist', 'webview.js'] as const;
/** The same bundle minified (scripts/buildPanel.mjs); used only while it is not older than REPORT_SCRIPT. */
export const REPORT_MINIFIED_SCRIPT = ['dist', 'webview.min.js'] as const;
export const REPORT_STYLES = [['media', 'panel', 'panel.css'], ['media', 'panel', 'reportTheme.css']] as const;

/** The bundle's source map comment would point to a file the report does not carry. */
export function withoutSourceMap(script: string): string {
  return script.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
