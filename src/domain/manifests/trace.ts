import { formatPath } from '../plan/diagnostics';
import type { Diagnostic, PlanPath } from '../plan/diagnostics';
import type { PlanSource } from '../plan/source';
import { isObject } from './documents';
import type { ManifestDocument } from './documents';
import type { Fields } from './fields';

interface Place {
  document: ManifestDocument;
  path: PlanPath;
}

const keyOf = (path: PlanPath): string => JSON.stringify(path);

/**
 * Where each part of a converted plan came from in the manifests, so that what the plan's schema
 * and rules say about the plan is shown at the manifest's line, under the manifest's field name.
 *
 * @example
 * trace.link(['strategy', 'canary', 'steps', 0], stepFields);
 * trace.source().rangeOf(['strategy', 'canary', 'steps', 0, 'setWeight']); // the Rollout's steps[0] line
 */
export class PlanTrace {
  private readonly places = new Map<string, Place>();

  constructor(private readonly fallback: ManifestDocument) {}

  /** The plan's part at `planPath` stands for the manifest's part `fields` (at `path` under it). */
  link(planPath: PlanPath, fields: Fields, path: PlanPath = []): void {
    this.places.set(keyOf(planPath), { document: fields.document, path: [...fields.base, ...path] });
  }

  /**
   * The place of the nearest traced part of `planPath`, followed further down where the manifest
   * has the same fields (a step's `setWeight`, a metric's `successCondition`).
   */
  placeOf(planPath: PlanPath): Place {
    for (let depth = planPath.length; depth > 0; depth--) {
      const place = this.places.get(keyOf(planPath.slice(0, depth)));
      if (place) return { document: place.document, path: [...place.path, ...sharedFields(place, planPath.slice(depth))] };
    }
    return { document: this.fallback, path: [] };
  }

  /** A source whose ranges are the manifest places of plan paths. */
  source(): PlanSource {
    const rangeOf = (planPath: PlanPath, target?: 'value' | 'key') => {
      const place = this.placeOf(planPath);
      return place.document.source.rangeOf(place.path, target);
    };
    return {
      rangeOf,
      rangeInString: (planPath) => rangeOf(planPath),
      rangeOfOffsets: (offset, endOffset) => this.fallback.source.rangeOfOffsets(offset, endOffset),
    };
  }

  /**
   * A diagnostic about the plan, told about the manifest: at the manifest's place, its message
   * naming the manifest's field (`spec.strategy.canary.steps[1]`) instead of the plan's.
   *
   * @example
   * // with strategy.canary.steps[1] linked to the Rollout's spec.strategy.canary.steps[1]:
   * trace.retell({ message: 'strategy.canary.steps[1].setWeight: 60 is lower than ...', path: 'strategy.canary.steps[1].setWeight', ... });
   * // { message: 'spec.strategy.canary.steps[1]: 60 is lower than ...', path: 'spec.strategy.canary.steps[1]', range: (its line) }
   */
  retell(diagnostic: Diagnostic): Diagnostic {
    const place = this.placeOf(parsePath(diagnostic.path));
    const manifestPath = formatPath(place.path);
    const prefix = `${diagnostic.path}: `;
    const message = diagnostic.message.startsWith(prefix) ? `${manifestPath}: ${diagnostic.message.slice(prefix.length)}` : diagnostic.message;
    // A fix's replacement is plan text; the message still says what to change.
    const { fix, ...rest } = diagnostic;
    return { ...rest, message, path: manifestPath, range: place.document.source.rangeOf(place.path), ...(fix ? { fix: { message: fix.message } } : {}) };
  }
}

/** The leading segments of `rest` the manifest has under `place` too. */
function sharedFields(place: Place, rest: PlanPath): PlanPath {
  const shared: PlanPath[number][] = [];
  let node: unknown = valueAt(place.document.value, place.path);
  for (const segment of rest) {
    node = valueAt(node, [segment]);
    if (node === undefined) break;
    shared.push(segment);
  }
  return shared;
}

function valueAt(value: unknown, path: PlanPath): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

const SEGMENT = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;

/** The segments of a path as `formatPath` writes it: `strategy.canary.steps[2]` -> ['strategy', 'canary', 'steps', 2]. */
function parsePath(text: string): PlanPath {
  return [...text.matchAll(SEGMENT)].map((match) => (match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(match[3] ?? '""') as string))));
}
