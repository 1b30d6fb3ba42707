import { allOf, firstOf } from '../domain/run/events';
import { journalOf, runsOf } from './runs';

/** A version a release of this plan promoted: what `switchyard undo` can go back to. */
export interface Revision {
  version: string;
  /** The version it replaced, when the journal says (plans with stableVersion). */
  replaced?: string;
  runDir: string;
  /** When its run started (the journal's first line). */
  at: string;
  /** The run it undid, when it was an undo. */
  undoOf?: string;
}

/**
 * The versions this plan's real runs promoted, oldest first, from their journals: the last is
 * what users are on now (unless someone released outside Switchyard).
 *
 * @example
 * releaseHistory('checkout.release.yaml', 'checkout').map((r) => r.version); // ['v2', 'v3']
 */
export function releaseHistory(planFile: string, service: string): Revision[] {
  return runsOf(planFile, service).flatMap((runDir) => {
    const entries = journalOf(runDir);
    const started = firstOf(entries, 'run.started');
    const outcome = allOf(entries, 'outcome').at(-1);
    if (!started || started.data.dryRun || outcome?.data.outcome !== 'promoted' || !started.data.version) return [];
    return [{ version: started.data.version, ...(started.data.stableVersion ? { replaced: started.data.stableVersion } : {}), runDir, at: started.at, ...(started.data.undoOf ? { undoOf: started.data.undoOf } : {}) }];
  });
}

/** What an undo releases: from the version users are on now back to an earlier one. */
export type UndoChoice = { ok: true; from: Revision; to: string } | { ok: false; error: string };

/**
 * The version to go back to: `to` when it is one this plan promoted (or the version the last
 * release replaced), else the one before the last promoted version.
 *
 * @example
 * undoChoice(history);        // { ok: true, from: <v3's run>, to: 'v2' }
 * undoChoice(history, 'v1');  // { ok: true, from: <v3's run>, to: 'v1' }
 */
export function undoChoice(history: readonly Revision[], to?: string): UndoChoice {
  const last = history.at(-1);
  if (!last) return { ok: false, error: 'no release of this plan was promoted yet: there is nothing to undo' };
  const earlier = [...new Set([...history.slice(0, -1).map((revision) => revision.version), ...history.flatMap((revision) => (revision.replaced ? [revision.replaced] : []))])].filter((version) => version !== last.version);
  if (to !== undefined) {
    if (to === last.version) return { ok: false, error: `${to} is the version users are on now (promoted by ${last.runDir})` };
    if (!earlier.includes(to)) return { ok: false, error: `no release of this plan had ${to}: the versions it knows are ${earlier.length > 0 ? earlier.join(', ') : 'none before ' + last.version}` };
    return { ok: true, from: last, to };
  }
  const previous = last.replaced ?? [...history].reverse().find((revision) => revision.version !== last.version)?.version;
  if (previous === undefined) return { ok: false, error: `the only version this plan promoted is ${last.version}, and its journal does not say what it replaced (set stableVersion in the plan): name one with --to` };
  return { ok: true, from: last, to: previous };
}
