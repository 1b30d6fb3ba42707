import type { PlanInput } from '../plan/schema';
import type { ManifestDocument } from './documents';
import { Fields, Findings } from './fields';
import { PlanTrace } from './trace';

export type GateInput = NonNullable<PlanInput['analysis']>[number];

/**
 * The plan's gates as the manifests' metrics fill them in. One metric can become several gates
 * (the same template with other arguments, or run to a count in one place and in the background
 * in another); each gets a name of its own, the metric's own when it is free.
 *
 * @example
 * const name = gates.add('success-rate#{"service":"web"}', ['success-rate', 'rates.success-rate'], (name) => ({ name, metric: 'errorRate', successCondition: 'result < 0.05' }));
 * // 'success-rate'; the same key again returns 'success-rate' without adding a gate
 */
export class GateBook {
  readonly gates: GateInput[] = [];
  private readonly byKey = new Map<string, string>();
  private readonly names = new Set<string>();

  add(key: string, preferredNames: readonly string[], make: (name: string, index: number) => GateInput): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const name = this.freeName(preferredNames);
    this.byKey.set(key, name);
    this.names.add(name);
    this.gates.push(make(name, this.gates.length));
    return name;
  }

  private freeName(preferred: readonly string[]): string {
    const free = preferred.find((name) => name !== '' && !this.names.has(name));
    if (free !== undefined) return free;
    const base = preferred[0] || 'metric';
    let counter = 2;
    while (this.names.has(`${base}-${counter}`)) counter += 1;
    return `${base}-${counter}`;
  }
}

/** Everything one conversion shares: the file's objects, what was found, the gates and where plan parts came from. */
export class ManifestContext {
  readonly findings = new Findings();
  readonly gates = new GateBook();
  readonly trace: PlanTrace;
  readonly used = new Set<ManifestDocument>();

  constructor(
    readonly documents: readonly ManifestDocument[],
    readonly subject: ManifestDocument,
  ) {
    this.trace = new PlanTrace(subject);
  }

  /** The fields of an object this conversion uses. */
  fields(document: ManifestDocument): Fields {
    this.used.add(document);
    return new Fields(this.findings, document);
  }

  /**
   * The object of `kinds` named `name`, in the namespace asked for when both say one (Kubernetes
   * resolves a reference within the referring object's namespace).
   */
  find(kinds: readonly string[], name: string, namespace: string | undefined): ManifestDocument | undefined {
    return this.documents.find(
      (document) => kinds.includes(document.kind) && document.name === name && (namespace === undefined || document.namespace === undefined || document.namespace === namespace),
    );
  }
}
