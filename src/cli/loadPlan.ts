import { parsePlan } from '../domain/plan/parse';
import type { Diagnostic } from '../domain/plan/diagnostics';
import type { Plan } from '../domain/plan/schema';
import { detectManifests } from '../domain/manifests/detect';
import { planFromManifests } from '../domain/manifests/convert';
import { readTextFile } from './readText';

/** What a file was read as: a plan, or Kubernetes manifests (a Rollout, a Canary or a Deployment) rehearsed as one. */
export type PlanOrigin = 'plan' | 'manifests';

export type LoadedPlan =
  | { ok: true; fileName: string; source: string; plan: Plan; diagnostics: Diagnostic[]; origin: PlanOrigin }
  | { ok: false; fileName: string; source: string; diagnostics: Diagnostic[]; origin?: PlanOrigin; ioError?: string };

/** The notes of each plan read from manifests: what it does not model exactly, for the commands that show them before a run. */
const manifestNotes = new WeakMap<Plan, Diagnostic[]>();

/**
 * Reads and parses a plan file, or a file of Kubernetes manifests as the plan that rehearses
 * them: the one place that tells the two apart. A missing, unreadable or binary file is an error
 * to print, not a crash.
 *
 * @example
 * loadPlan('examples/argo-rollout.yaml'); // { ok: true, origin: 'manifests', plan: { engine: 'argo-rollouts', ... }, diagnostics: [notes as info] }
 */
export function loadPlan(fileName: string): LoadedPlan {
  const read = readTextFile(fileName);
  if (!read.ok) return { ok: false, fileName, source: '', diagnostics: [], ioError: read.error };
  const source = read.text;
  const origin: PlanOrigin = detectManifests(source) ? 'manifests' : 'plan';
  const result = origin === 'manifests' ? planFromManifests(source) : parsePlan(source, fileName);
  if (!result.ok) return { ok: false, fileName, source, diagnostics: result.diagnostics, origin };
  if (origin === 'manifests') manifestNotes.set(result.plan, result.diagnostics.filter((diagnostic) => diagnostic.severity === 'info'));
  return { ok: true, fileName, source, plan: result.plan, diagnostics: result.diagnostics, origin };
}

/**
 * The notes of a plan `loadPlan` read from manifests (none for a plan file): every field it
 * does not model exactly, each at its line.
 */
export function notesOf(plan: Plan): readonly Diagnostic[] {
  return manifestNotes.get(plan) ?? [];
}

/** Whether `loadPlan` read this plan from Kubernetes manifests: it can be rehearsed, not run or rewritten. */
export function isFromManifests(plan: Plan): boolean {
  return manifestNotes.has(plan);
}

/** Why a command that needs a plan file refuses manifests. */
export function manifestsRefused(file: string, command: string): string {
  return `${file} holds Kubernetes manifests: they can be rehearsed (simulate, lint, compare); ${command} needs a plan file (*.release.yaml)`;
}
