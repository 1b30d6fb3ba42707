import type { PanelIntent } from '../../../src/protocol/messages';
import type { PanelView } from '../../../src/protocol/view';

/**
 * A fixed snapshot: a canary at 3m19s, just rolled back after its error-rate gate failed.
 * Overrides replace whole top-level parts, so each test states what it changes.
 */
export function viewFixture(overrides: Partial<PanelView> = {}): PanelView {
  return {
    session: {
      mode: 'simulation',
      service: 'checkout',
      strategy: 'canary',
      engine: 'fleet',
      planUri: 'file:///work/canary.release.yaml',
      scenario: 'bad-version',
      scenarios: [
        { name: 'good-version', description: '' },
        { name: 'bad-version', description: 'one in five fails' },
      ],
      seed: 7,
      injectedFaults: [],
      faultKinds: ['instanceLoss', 'metricsOutage'],
    },
    time: { t: 199_473, endMs: 199_473, playing: false, speed: 60 },
    environments: [
      { role: 'stable', label: 'stable', version: 'v2.3.1', counts: { ready: 10, starting: 0, draining: 0, failed: 0 } },
      { role: 'candidate', label: 'canary', version: 'v2.4.0', counts: { ready: 0, starting: 0, draining: 1, failed: 0 } },
    ],
    traffic: { weights: { stable: 100, candidate: 0 }, rps: { stable: 200, candidate: 0 }, headerRoutes: [], mirrorPercent: 0 },
    track: {
      phase: 'rolledBack',
      estimatedDurationMs: 540_000,
      steps: [
        { index: 0, label: 'setWeight 10%', kind: 'setWeight', status: 'done', durationMs: null, remainingMs: null },
        { index: 1, label: 'pause 2m', kind: 'pause', status: 'done', durationMs: 120_000, remainingMs: null },
        { index: 2, label: 'analysis error-rate', kind: 'analysis', status: 'failed', durationMs: null, remainingMs: null },
        { index: 3, label: 'setWeight 25%', kind: 'setWeight', status: 'pending', durationMs: null, remainingMs: null },
      ],
    },
    gates: [
      {
        name: 'error-rate',
        metric: 'errorRate',
        thresholds: [
          { kind: 'success', op: '<', value: 0.01 },
          { kind: 'failure', op: '>=', value: 0.05 },
        ],
        measurements: [
          { t: 168_973, value: 0.1775, phase: 'failed' },
          { t: 198_973, value: 0.1893, phase: 'failed' },
        ],
        phase: 'failed',
        firedAt: 198_973,
        message: 'error-rate: 2 of 2 measurements failed',
      },
      { name: 'latency', metric: 'latencyP99', thresholds: [{ kind: 'success', op: '<', value: 400 }], measurements: [], phase: 'pending', firedAt: null, message: 'latencyP99 every 30s' },
    ],
    metrics: [
      {
        metric: 'errorRate',
        label: 'Error rate',
        unit: 'ratio',
        series: [
          { role: 'stable', label: 'stable', points: [{ t: 0, value: 0.002 }, { t: 100_000, value: 0.002 }, { t: 199_473, value: 0.001 }] },
          { role: 'candidate', label: 'canary', points: [{ t: 20_000, value: 0.2 }, { t: 199_473, value: 0.19 }] },
        ],
        thresholds: [
          { gate: 'error-rate', kind: 'success', op: '<', value: 0.01 },
          { gate: 'error-rate', kind: 'failure', op: '>=', value: 0.05 },
        ],
        firings: [{ gate: 'error-rate', t: 198_973 }],
      },
    ],
    statechart: {
      initial: 'provisioning',
      states: [
        { id: 'provisioning', final: false },
        { id: 'progressing', final: false },
        { id: 'rollingBack', final: false },
        { id: 'promoted', final: true },
        { id: 'rolledBack', final: true },
      ],
      transitions: [
        { from: 'provisioning', to: 'progressing', events: ['provision.done'] },
        { from: 'progressing', to: 'rollingBack', events: ['runAnalysis.failed'] },
        { from: 'progressing', to: 'promoted', events: ['always'] },
        { from: 'rollingBack', to: 'rolledBack', events: ['done'] },
      ],
      active: 'rolledBack',
      activePath: 'rolledBack',
    },
    events: [
      { index: 0, t: 0, kind: 'scale', message: 'scale candidate → 1', level: 'info' },
      { index: 1, t: 18_973, kind: 'traffic.set', message: 'traffic 10% → candidate', level: 'info' },
      { index: 2, t: 168_973, kind: 'gate.measure', message: 'error-rate 0.1775 ✗', level: 'warning' },
      { index: 3, t: 198_973, kind: 'gate.result', message: 'error-rate: 2 of 2 measurements failed', level: 'error' },
      { index: 4, t: 199_473, kind: 'outcome', message: 'rolledBack: error-rate failed', level: 'error' },
    ],
    outcome: {
      outcome: 'rolledBack',
      reason: 'error-rate: 2 of 2 measurements failed',
      figures: [
        { key: 'duration', label: 'Duration', value: '3m19s', bad: false },
        { key: 'userErrors', label: 'Errors users saw', value: '825 (2.1%)', bad: true },
      ],
      live: [{ key: 'requests', label: 'Requests served', value: '39,895', bad: false }],
    },
    ...overrides,
  };
}

/** A fresh root in a document with reduced motion, so D3 applies attributes at once. */
export function mount(): HTMLElement {
  document.body.className = 'vscode-dark vscode-reduce-motion';
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  return root;
}

export function recorder(): { post(intent: PanelIntent): void; sent: PanelIntent[] } {
  const sent: PanelIntent[] = [];
  return { post: (intent) => sent.push(intent), sent };
}

export function texts(root: ParentNode, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((node) => node.textContent ?? '');
}
