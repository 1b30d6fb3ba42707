/** The panel's page, shared by the VS Code webview and the standalone report; they differ in how scripts and styles arrive. */
export interface PageParts {
  title: string;
  /** The Content-Security-Policy, starting from default-src 'none'. */
  csp: string;
  /** <link> or <style> tags. */
  styles: string;
  /** <script> tags, last in the body so #app exists when they run. */
  scripts: string;
  /** Shown where scripts cannot run. */
  fallback?: string;
  /** Replaces the app root, for pages that only carry a message. */
  body?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function pageHtml(parts: PageParts): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(parts.csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(parts.title)}</title>`,
    parts.styles,
    '</head>',
    '<body>',
    parts.body ?? '<div id="app" class="panel-app"></div>',
    parts.fallback ? `<noscript>${parts.fallback}</noscript>` : '',
    parts.scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
