import { argoMetricGate } from './argoMetric';
import type { GateMode } from './argoMetric';
import type { ManifestContext } from './context';
import type { ManifestDocument } from './documents';
import { describeDocument, isObject } from './documents';
import type { Fields } from './fields';

export interface ArgoAnalysis {
  /** The plan gates the reference judges (dry-run metrics left out). */
  gates: string[];
  /** Some metric runs until it fails: Argo never completes this analysis with a good version. */
  indefinite: boolean;
}

/** Argument values by name; undefined for one the cluster supplies (`valueFrom`). */
type Args = Map<string, string | undefined>;

const MAX_NESTING = 10;

/**
 * The gates of one of a Rollout's analysis references (`steps[i].analysis`, `canary.analysis`,
 * `prePromotionAnalysis`, `postPromotionAnalysis`, an experiment's `analyses`): its templates'
 * metrics with the arguments filled in, nested templates included. A template that is not in the
 * file, or an argument with no value, is an error: Argo Rollouts would not start the analysis.
 *
 * @example
 * // steps: [{ analysis: { templates: [{ templateName: success-rate }], args: [{ name: service-name, value: web }] } }]
 * argoAnalysis(rollout.at(['spec', 'strategy', 'canary', 'steps', 1, 'analysis']), context, 'run');
 * // { gates: ['success-rate'], indefinite: false }
 */
export function argoAnalysis(ref: Fields, context: ManifestContext, mode: GateMode): ArgoAnalysis {
  const given = givenArgs(ref);
  const dryRun = metricNames(ref, 'dryRun');
  for (const field of ['measurementRetention', 'analysisRunMetadata'] as const) {
    if (ref.has([field])) ref.note([field], `${field} is not modelled`, 'manifest.notModelled');
  }
  const result: ArgoAnalysis = { gates: [], indefinite: false };
  const templates = ref.has(['templates']) ? ref.list(['templates']) : [ref];
  for (const template of templates) {
    const document = findTemplate(template, context);
    if (document) collect(context.fields(document).at(['spec']), { ref: template, given, dryRun, mode, context, depth: 0 }, result);
  }
  return result;
}

interface Collecting {
  ref: Fields;
  given: Args;
  dryRun: Set<string>;
  mode: GateMode;
  context: ManifestContext;
  depth: number;
}

function collect(spec: Fields, collecting: Collecting, into: ArgoAnalysis): void {
  const { ref, context } = collecting;
  const args = resolvedArgs(spec, collecting);
  if (!args) return;
  const dryRun = new Set([...collecting.dryRun, ...metricNames(spec, 'dryRun')]);
  if (spec.has(['measurementRetention'])) spec.note(['measurementRetention'], 'measurementRetention is not modelled', 'manifest.notModelled');
  const templateName = spec.document.name ?? 'template';
  const argsKey = JSON.stringify([...args]);
  for (const metric of spec.list(['metrics'])) {
    const name = metric.string(['name']);
    if (name !== undefined && (dryRun.has(name) || dryRun.has('*'))) {
      metric.note([], `metric ${name} runs as a dry run: Argo Rollouts measures it but never fails the rollout on it, so the rehearsal leaves it out`, 'manifest.dryRun');
      continue;
    }
    const filled = metric.withValue(withArgs(metric.peek(), args));
    const gate = argoMetricGate(filled, templateName, collecting.mode, context, argsKey);
    if (!gate) continue;
    if (!into.gates.includes(gate.name)) into.gates.push(gate.name);
    into.indefinite ||= gate.indefinite;
  }
  for (const nested of spec.has(['templates']) ? spec.list(['templates']) : []) {
    if (collecting.depth >= MAX_NESTING) {
      nested.error([], `templates nest more than ${MAX_NESTING} deep; a template probably includes itself`);
      continue;
    }
    const document = findTemplate(nested, context);
    if (document) collect(context.fields(document).at(['spec']), { ...collecting, ref, depth: collecting.depth + 1 }, into);
  }
}

/** The template a reference names: an AnalysisTemplate in the Rollout's namespace, or with clusterScope a ClusterAnalysisTemplate. */
function findTemplate(ref: Fields, context: ManifestContext): ManifestDocument | undefined {
  const name = ref.string(['templateName']);
  const clusterScope = ref.boolean(['clusterScope']) ?? false;
  ref.consume(['name']);
  if (name === undefined) {
    ref.error([], 'a template reference needs templateName');
    return undefined;
  }
  const kind = clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
  const found = context.find([kind], name, clusterScope ? undefined : ref.document.namespace);
  if (found) return found;
  const other = context.find([clusterScope ? 'AnalysisTemplate' : 'ClusterAnalysisTemplate'], name, undefined);
  const hint = other ? `; the file has ${describeDocument(other)}: ${clusterScope ? 'remove' : 'set'} clusterScope: true` : '; rehearse this file together with the template (kustomize build, or the files joined with ---)';
  ref.error(['templateName'], `no ${kind} "${name}" in this file, so Argo Rollouts could not start this analysis${hint}`, 'manifest.missingTemplate');
  return undefined;
}

/** The reference's own `args`, by name. */
function givenArgs(ref: Fields): Args {
  const args: Args = new Map();
  for (const arg of ref.has(['args']) ? ref.list(['args']) : []) {
    const name = arg.string(['name']);
    const value = name === undefined ? undefined : argValue(arg, name);
    if (name !== undefined && value) args.set(name, value.value);
  }
  return args;
}

/** The template's arguments with the reference's values over its defaults; an argument with neither is an error. */
function resolvedArgs(spec: Fields, { ref, given }: Collecting): Args | undefined {
  const args: Args = new Map(given);
  let complete = true;
  for (const arg of spec.has(['args']) ? spec.list(['args']) : []) {
    const name = arg.string(['name']);
    if (name === undefined || args.has(name)) {
      arg.consume();
      continue;
    }
    const value = argValue(arg, name);
    if (value) args.set(name, value.value);
    else {
      ref.error([], `argument "${name}" of ${describeDocument(spec.document)} has no value: give it under args, or Argo Rollouts will not start the analysis`, 'manifest.missingArg');
      complete = false;
    }
  }
  return complete ? args : undefined;
}

/** An argument's value as written, or one the cluster supplies (`valueFrom`, said in a note); none when it has neither. */
function argValue(arg: Fields, name: string): { value: string | undefined } | undefined {
  const value = arg.read(['value']);
  if (value !== undefined && value !== null) return { value: String(value) };
  if (!arg.has(['valueFrom'])) return undefined;
  arg.note(['valueFrom'], `args.${name} comes from the cluster when Argo Rollouts runs; the rehearsal does not need its value`, 'manifest.argFromCluster');
  return { value: undefined };
}

function metricNames(fields: Fields, field: 'dryRun'): Set<string> {
  return new Set((fields.has([field]) ? fields.list([field]) : []).map((entry) => entry.string(['metricName'])).filter((name) => name !== undefined));
}

const ARG = /\{\{\s*args\.([\w.-]+?)\s*\}\}/g;

/** A copy of a metric with `{{args.NAME}}` replaced by the values known; ones from the cluster stay as written. */
function withArgs(value: unknown, args: Args): unknown {
  if (typeof value === 'string') return value.replace(ARG, (whole, name: string) => args.get(name) ?? whole);
  if (Array.isArray(value)) return value.map((item) => withArgs(item, args));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withArgs(item, args)]));
  return value;
}
