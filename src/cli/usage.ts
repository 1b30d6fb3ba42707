/** How each command is called and what it does: `switchyard --help` lists them all, `switchyard COMMAND --help` one. */
interface CommandUsage {
  /** The command names this entry describes (the operator verbs share one). */
  names: readonly string[];
  /** Each line a way to call it, without the leading `switchyard `. */
  usage: readonly string[];
  /** What it does, as indented lines under the usage in the full help. */
  about: readonly string[];
  /** Its exit codes, in its own help. */
  exits?: string;
}

export const OPERATOR_VERBS: readonly string[] = ['promote', 'promote-full', 'pause', 'retry', 'skip-step'];

const OUTCOME_EXITS = `Exit codes:
  0 promoted (or, with --expect, the run ended as expected)   2 invalid plan
  3 rolled back   4 aborted   5 failed   6 paused   7 not the --expect'ed outcome
  8 a target is busy (another run holds it)   64 usage error`;

const COMMAND_USAGE: readonly CommandUsage[] = [
  {
    names: ['simulate'],
    usage: [
      'simulate PLAN [--scenario S] [--seed N] [--json] [--verbose] [--quiet] [--expect OUTCOME] [--report FILE] [--junit FILE]',
      'simulate PLAN --scenario S --runs N [--seed N] [--workers N] [--json] [--expect OUTCOME --at-least P]',
    ],
    about: [
      'one seeded run: timeline and figures; --report writes a self-contained HTML replay,',
      '--junit a JUnit XML test case (failed when the run did not end as --expect says)',
      'Monte Carlo: N runs with seeds N, N+1, ... in worker threads; outcome probabilities,',
      'detection (bad candidate) or false alarm (good candidate), p5/median/p95 of the figures',
      'PLAN may be Kubernetes manifests (an Argo Rollout, a Flagger Canary or a Deployment, with the',
      'templates it names) to rehearse as they are: notes first, built-in scenarios (good-version...)',
    ],
    exits: OUTCOME_EXITS,
  },
  {
    names: ['compare'],
    usage: ['compare PLAN... --scenario S [--as KIND,...|all] [--runs N] [--seed N] [--json]'],
    about: ['the same scenario across plans, side by side; best figure per row marked with *'],
  },
  {
    names: ['tune'],
    usage: ['tune PLAN --scenario BAD [--good GOOD] [--min-detection 99%] [--max-false-alarm 1%] [--runs N] [--seed N] [--budget N] [--bound NAME=MIN..MAX,...] [--out FILE] [--json]'],
    about: [
      'the fastest plan that still catches the bad version: searches gate intervals, counts, failure',
      'limits and thresholds, pauses and iterations within bounds (interval, count, failureLimit,',
      'threshold as a factor, pause, iterations), on seeds common to every candidate; prints the',
      'Pareto front and a plot, and writes PLAN.tuned.release.yaml beside the plan, comments kept',
    ],
    exits: 'Exit codes: 0 a plan meeting the targets was found   5 none within the bounds   2 invalid plan   64 usage error',
  },
  {
    names: ['export'],
    usage: ['export PLAN --to argo-rollouts|flagger|kubernetes [--out FILE]'],
    about: [
      'the plan as that tool\'s manifests (Rollout with AnalysisTemplates and Services; Canary with',
      'MetricTemplates and its Deployment; Deployment), each thing it cannot say as the plan does noted',
    ],
    exits: 'Exit codes: 0 written   2 invalid plan   5 the target has no form for this strategy   64 usage error',
  },
  {
    names: ['lint'],
    usage: ['lint PLAN... [--json | --format text|json|github|sarif]'],
    about: [
      'every problem in the plans at once (file:line:column), then a timeline estimate of each;',
      '--format github prints GitHub Actions annotations on the plans\' lines, sarif a SARIF 2.1.0 log',
    ],
    exits: 'Exit codes: 0 no errors (warnings allowed)   2 a plan has errors or cannot be read   64 usage error',
  },
  { names: ['schema'], usage: ['schema'], about: ['the JSON Schema of plan files'] },
  {
    names: ['run'],
    usage: ['run PLAN [--dry-run] [--yes] [--wait]'],
    about: [
      'run the plan against its targets (HAProxy, nginx, processes, Prometheus); --dry-run prints',
      'every action in order and touches nothing; Ctrl-C aborts (restores the safe routing);',
      '--wait stays up through operator pauses and takes the operator commands live',
    ],
    exits: OUTCOME_EXITS,
  },
  {
    names: ['undo'],
    usage: ['undo PLAN [--to REVISION] [--list] [--dry-run] [--yes] [--wait]'],
    about: [
      'release an earlier version again through the plan\'s strategy and gates: the one the last',
      'promoted release replaced, or --to one the journals say this plan promoted (--list shows them)',
    ],
    exits: OUTCOME_EXITS,
  },
  {
    names: OPERATOR_VERBS,
    usage: [`${OPERATOR_VERBS.join('|')} PLAN [--run DIR]`],
    about: ["an operator command to the live runner of the plan's latest run (journaled)"],
    exits: OUTCOME_EXITS,
  },
  {
    names: ['resume'],
    usage: ['resume PLAN [--promote|--promote-full|--retry|--skip-step] [--run DIR] [--yes] [--wait]'],
    about: ['continue a stopped run from its journal; with a live runner, release its pause'],
    exits: OUTCOME_EXITS,
  },
  { names: ['abort'], usage: ['abort PLAN [--run DIR]'], about: ["roll back the plan's latest unfinished run"], exits: OUTCOME_EXITS },
  { names: ['status'], usage: ['status PLAN [--run DIR] [--json]'], about: ["where the plan's latest run is, what it did, how it ended"] },
  {
    names: ['playground'],
    usage: ['playground [--dir DIR] [--port BASE] [--router haproxy|nginx]', 'playground --kubernetes [--dir DIR]'],
    about: ['a local HAProxy, Prometheus and two versions of a demo service on 127.0.0.1; with --kubernetes, a real Kubernetes control plane with a demo Deployment; Ctrl-C stops it'],
  },
];

/** Every command name the CLI knows, for "did you mean". */
export const COMMAND_NAMES: readonly string[] = COMMAND_USAGE.flatMap((entry) => entry.names);

export const HELP = `switchyard: design, rehearse and run software releases

Usage:
${COMMAND_USAGE.map((entry) => [...entry.usage.map((line) => `  switchyard ${line}`), ...entry.about.map((line) => `      ${line}`)].join('\n')).join('\n')}

  switchyard COMMAND --help   one command's usage
  switchyard --version        the version of switchyard

${OUTCOME_EXITS}`;

/**
 * One command's usage, or undefined for a name the CLI does not know.
 *
 * @example
 * commandHelp('lint');
 * // Usage: switchyard lint PLAN... [--json]
 * //
 * // every problem in the plans at once (file:line:column), then a timeline estimate of each
 * //
 * // Exit codes: 0 no errors (warnings allowed)   2 a plan has errors or cannot be read   64 usage error
 */
export function commandHelp(name: string): string | undefined {
  const entry = COMMAND_USAGE.find((candidate) => candidate.names.includes(name));
  if (entry === undefined) return undefined;
  const usage = entry.usage.map((line, i) => `${i === 0 ? 'Usage: ' : '       '}switchyard ${line}`);
  return [...usage, '', ...entry.about, ...(entry.exits ? ['', entry.exits] : [])].join('\n');
}
