import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPORT_MINIFIED_SCRIPT as MINIFIED, REPORT_SCRIPT as SCRIPT, REPORT_STYLES as STYLES, withoutSourceMap } from './assetPaths';

/** The built panel a report inlines: the webview bundle and its stylesheets. */
export interface ReportAssets {
  script: string;
  styles: string[];
}

/**
 * Reads the built panel from the package root: the extension's folder, or the folder above
 * dist/cli.js. Without a root it walks up from this file, which finds the package both from the
 * bundled CLI (dist/) and from sources run by tests (src/report/).
 *
 * @example
 * loadReportAssets(context.extensionUri.fsPath);
 */
export function loadReportAssets(root = findPackageRoot(__dirname)): ReportAssets {
  const scriptPath = join(root, ...SCRIPT);
  if (!existsSync(scriptPath)) throw new Error(`the panel bundle ${scriptPath} is missing: run npm run build first`);
  const minifiedPath = join(root, ...MINIFIED);
  const minified = existsSync(minifiedPath) && statSync(minifiedPath).mtimeMs >= statSync(scriptPath).mtimeMs;
  const script = withoutSourceMap(readFileSync(minified ? minifiedPath : scriptPath, 'utf8'));
  return { script, styles: STYLES.map((path) => readFileSync(join(root, ...path), 'utf8')) };
}

export function findPackageRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, ...SCRIPT)) && existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`cannot find the Switchyard package (with ${SCRIPT.join('/')}) above ${from}`);
  }
}
