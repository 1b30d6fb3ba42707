// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { cellLayout, cellsOf, createEnvironments, usesCanvas } from '../../../webview/views/environments';
import { mount, texts, viewFixture } from './fixtures';

describe('environments view', () => {
  it('should draw one cell per instance, coloured by role and state', () => {
    const root = mount();
    createEnvironments(root).update(viewFixture());
    expect(texts(root, '.environment-name')).toEqual(['stable', 'canary']);
    expect(texts(root, '.environment-summary')).toEqual(['10 ready', '1 draining']);
    expect(root.querySelectorAll('.role-stable rect.cell.state-ready')).toHaveLength(10);
    expect(root.querySelectorAll('.role-candidate rect.cell.state-draining')).toHaveLength(1);
  });

  it('should keep cells by key so an update recolours rather than recreates them', () => {
    const root = mount();
    const part = createEnvironments(root);
    part.update(viewFixture());
    const first = root.querySelector('.role-stable rect.cell');
    const view = viewFixture();
    view.environments[0] = { role: 'stable', label: 'stable', version: 'v2.3.1', counts: { ready: 9, starting: 0, draining: 0, failed: 1 } };
    part.update(view);
    expect(root.querySelector('.role-stable rect.cell')).toBe(first);
    expect(root.querySelectorAll('.role-stable rect.cell.state-failed')).toHaveLength(1);
  });

  it('should switch to a canvas above a few thousand instances', () => {
    const root = mount();
    const huge = viewFixture();
    huge.environments[0] = { role: 'stable', label: 'old', version: 'v1', counts: { ready: 9000, starting: 500, draining: 0, failed: 500 } };
    createEnvironments(root).update(huge);
    const stable = root.querySelector('.environment.role-stable');
    expect(stable?.querySelector('canvas')?.hasAttribute('hidden')).toBe(false);
    expect(stable?.querySelector('svg')?.hasAttribute('hidden')).toBe(true);
    expect(stable?.querySelectorAll('rect')).toHaveLength(0);
    expect(usesCanvas(huge.environments[0])).toBe(true);
  });

  it('should order cells serving first and shrink them with the fleet', () => {
    const cells = cellsOf({ role: 'candidate', label: 'canary', version: 'v2', counts: { ready: 1, starting: 2, draining: 0, failed: 1 } });
    expect(cells.map((cell) => cell.state)).toEqual(['ready', 'starting', 'starting', 'failed']);
    expect(cellLayout(10).size).toBeGreaterThan(cellLayout(5000).size);
  });
});
