import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'switchyard-vsix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vsce = (...args: string[]): string => execFileSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const unzip = (vsix: string, entry: string): string => execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });

describe('the VSIX as a user installs it', () => {
  it('should hold only what a user needs, with its license, icon, changelog and repository', () => {
    const files = vsce('ls', '--no-dependencies').trim().split('\n').sort();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'media/icon.png', 'dist/extension.js', 'dist/engine.js', 'dist/web/extension.js', 'dist/cli.js']));
    // Nothing of the project's own development: sources, tests, scripts, build folders.
    expect(files.filter((file) => /^(src|test|scripts|bench|webview|out|node_modules|\.ci)\//.test(file) || /\.map$/.test(file))).toEqual([]);

    const vsix = join(dir, 'switchyard.vsix');
    vsce('package', '--no-dependencies', '--out', vsix);
    const manifest = unzip(vsix, 'extension.vsixmanifest');
    expect(manifest).toMatch(/<License>extension\/LICENSE(\.txt)?<\/License>/);
    expect(manifest).toContain('<Icon>extension/media/icon.png</Icon>');
    expect(manifest).toContain('Microsoft.VisualStudio.Services.Links.Source" Value="https://github.com/switchyard-dev/switchyard.git"');
    expect(manifest).toMatch(/<Tags>[^<]*canary,blue-green[^<]*Argo Rollouts,Flagger,Kubernetes[^<]*<\/Tags>/);
    expect(unzip(vsix, 'extension/LICENSE.txt')).toContain('MIT License');
    expect(unzip(vsix, 'extension/media/icon.png').slice(1, 4)).toBe('PNG');
    const packaged = JSON.parse(unzip(vsix, 'extension/package.json')) as { repository: { url: string }; bugs: { url: string }; homepage: string; icon: string };
    expect([packaged.repository.url, packaged.bugs.url, packaged.homepage, packaged.icon]).toEqual(['https://github.com/switchyard-dev/switchyard.git', 'https://github.com/switchyard-dev/switchyard/issues', 'https://github.com/switchyard-dev/switchyard#readme', 'media/icon.png']);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toContain('Permission is hereby granted, free of charge');
  });
});
