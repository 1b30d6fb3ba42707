import { z } from 'zod';
import {
  atLeast,
  atMost,
  formatCount,
  MAX_BOOT_FACTOR,
  MAX_CRASHES_PER_HOUR,
  MAX_DURATION_MS,
  MAX_INSTANCES,
  MAX_LATENCY_MS,
  MAX_LIST_ITEMS,
  MAX_PERCENT_OF_REPLICAS,
  MAX_REPEATS,
  MAX_RPS,
  MAX_SCENARIOS,
  MAX_SECONDS,
  MAX_SEED,
  MIN_STEP_WEIGHT,
  tooManyScenarios,
} from './limits';

/**
 * The plan format, as one zod schema. It is the single source for validation (parse.ts), the
 * shipped JSON Schema (jsonSchema.ts) and the types every layer uses.
 *
 * Durations are written like Argo Rollouts and Flagger: `30s`, `5m`, `1h`, `250ms`, or a bare
 * number of seconds. After parsing they are milliseconds.
 */

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const LONGEST_STEP = 'at most 168h (a week: no step of a release waits longer)';

export const duration = z
  .union([
    z.number().nonnegative().max(MAX_SECONDS, LONGEST_STEP),
    z.string().regex(DURATION_PATTERN, { message: 'expected a duration like 30s, 5m, 1h or 250ms' }),
  ])
  .transform((value, context) => {
    const match = typeof value === 'string' ? DURATION_PATTERN.exec(value) : null;
    const ms = Math.round(match ? Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000) : Number(value) * 1000);
    if (ms <= MAX_DURATION_MS) return ms;
    context.issues.push({ code: 'too_big', origin: 'number', maximum: MAX_SECONDS, inclusive: true, input: value, message: LONGEST_STEP });
    return z.NEVER;
  })
  .describe('A duration such as 30s, 5m, 1h or 250ms, or a number of seconds; at most 168h');

/*
 * Defaults of anything holding a duration use `prefault`: zod 4's `default` returns its value as the
 * output without parsing it, so `duration.default(60)` would give 60 ms instead of 60 seconds.
 */

const PERCENT_PATTERN = /^\d+%$/;

/** An absolute count or a percentage of replicas, as Kubernetes' IntOrString ("25%" or 2). */
export const intOrPercent = z
  .union([
    z.number().int().nonnegative().max(MAX_INSTANCES, atMost(MAX_INSTANCES, 'a simulation models each instance')),
    z
      .string()
      .regex(PERCENT_PATTERN, { message: 'expected a count like 2 or a percentage like "25%"' })
      .check((context) => {
        if (!PERCENT_PATTERN.test(context.value) || Number.parseInt(context.value, 10) <= MAX_PERCENT_OF_REPLICAS) return;
        context.issues.push({ code: 'too_big', origin: 'number', maximum: MAX_PERCENT_OF_REPLICAS, inclusive: true, input: context.value, message: atMost(MAX_PERCENT_OF_REPLICAS, 'ten times the replicas', '%') });
      })
      .meta({ pattern: `^(\\d{1,3}|${MAX_PERCENT_OF_REPLICAS})%$` }),
  ])
  .describe('An absolute number of replicas or a percentage such as "25%"');

const percent = z.number().min(0).max(100);
const rate = z.number().min(0).max(1);

/*
 * Bounded numbers: each limit (limits.ts) says in its message why a plan cannot need more, and
 * keeps lint, the estimate and a simulation quick.
 */
const instanceCount = z.number().int().max(MAX_INSTANCES, atMost(MAX_INSTANCES, 'a simulation models each instance'));
const repeatCount = (why: string) => z.number().int().max(MAX_REPEATS, atMost(MAX_REPEATS, why));
const wholeSeconds = z.number().int().nonnegative().max(MAX_SECONDS, atMost(MAX_SECONDS, 'a week: no step of a release waits longer', ' seconds'));
const boundedList = <T extends z.ZodType>(item: T, why: string) => z.array(item).max(MAX_LIST_ITEMS, atMost(MAX_LIST_ITEMS, why));
const latencyMs = z.number().max(MAX_LATENCY_MS, atMost(MAX_LATENCY_MS, 'ten minutes: a request that slow has long timed out', ' ms'));
const requestsPerSecond = z.number().nonnegative().max(MAX_RPS, atMost(MAX_RPS, 'more than any one service serves', ' requests a second'));

export const engineSemantics = z
  .enum(['fleet', 'kubernetes', 'argo-rollouts', 'flagger'])
  .describe('Whose arithmetic moves instances and traffic: fleet (instances behind a router), kubernetes, argo-rollouts or flagger');

// ---------------------------------------------------------------- analysis (metric gates)

export const analysisRef = z
  .object({
    templates: boundedList(z.string(), 'each named gate runs').min(1).describe('Names of gates under `analysis:` to run'),
  })
  .strict();

export const prometheusProvider = z
  .object({
    address: z.string().describe('Prometheus base URL, e.g. http://127.0.0.1:9090'),
    query: z.string().describe('PromQL; {{version}} and {{service}} are replaced before the query runs'),
  })
  .strict();

export const httpProvider = z
  .object({ url: z.string(), jsonPath: z.string().optional(), timeout: duration.optional() })
  .strict();

export const commandProvider = z
  .object({ command: z.array(z.string()).min(1).describe('Program and arguments, run without a shell; prints a number'), timeout: duration.optional() })
  .strict();

export const kubernetesProvider = z
  .object({
    measure: z
      .enum(['readyRatio', 'restarts'])
      .describe('readyRatio: the candidate\'s Ready pods over the pods it should have (0..1); restarts: its containers\' restarts since the release began'),
  })
  .strict()
  .describe('Reads the cluster of targets.kubernetes itself: the candidate\'s pods, as the watches see them');

export const simulatedMetric = z
  .enum(['errorRate', 'latencyP50', 'latencyP99', 'requestRate'])
  .describe('The metric the simulator measures for this gate');

export const metricUnit = z
  .enum(['ratio', 'percent', 'ms', 's', 'rps'])
  .describe('The unit of the values the gate judges: ratio (0..1) or percent for errorRate, ms or s for latency, rps for requestRate. Defaults per metric: ratio, ms, rps. A real run\'s provider must return this unit; a simulation converts to it');

const GATE_MEASURES_AT_MOST = `a gate takes at most ${formatCount(MAX_REPEATS)} measurements`;

export const analysisGate = z
  .object({
    name: z.string().min(1),
    metric: simulatedMetric,
    unit: metricUnit.optional(),
    interval: duration.prefault(60).describe('Time between measurements'),
    count: repeatCount('each measurement is simulated').positive().optional().describe('Measurements to take; without it the gate runs until stopped (background)'),
    initialDelay: duration.optional(),
    successCondition: z.string().optional().describe('Expression over `result`, e.g. "result < 0.01"'),
    failureCondition: z.string().optional().describe('Expression over `result`, e.g. "result >= 0.05"'),
    failureLimit: repeatCount(GATE_MEASURES_AT_MOST).nonnegative().default(0).describe('Failed measurements tolerated before the gate fails'),
    inconclusiveLimit: repeatCount(GATE_MEASURES_AT_MOST).nonnegative().default(0),
    consecutiveErrorLimit: repeatCount(GATE_MEASURES_AT_MOST).nonnegative().default(4).describe('Measurement errors in a row (e.g. metrics down) before the gate errors'),
    provider: z
      .object({ prometheus: prometheusProvider.optional(), http: httpProvider.optional(), command: commandProvider.optional(), kubernetes: kubernetesProvider.optional() })
      .strict()
      .optional()
      .describe('Where a real run reads the metric; a simulation uses `metric`'),
  })
  .strict();

// ---------------------------------------------------------------- strategies

const EACH_ITERATION = 'each iteration is a step of the release';
const EACH_CHECK = 'each failed check is simulated';

/** 0 moves nothing; below MIN_STEP_WEIGHT the increments up to maxWeight are too many steps. */
const stepWeight = percent
  .check((context) => {
    if (context.value <= 0 || context.value >= MIN_STEP_WEIGHT) return;
    const why = `every increment up to maxWeight is a step, at most ${formatCount(MAX_LIST_ITEMS)} of them`;
    context.issues.push({ code: 'too_small', origin: 'number', minimum: MIN_STEP_WEIGHT, inclusive: true, input: context.value, message: atLeast(MIN_STEP_WEIGHT, why) });
  })
  .meta({ not: { exclusiveMinimum: 0, exclusiveMaximum: MIN_STEP_WEIGHT } });

export const headerMatch = z
  .object({
    headers: z.record(z.string(), z.object({ exact: z.string().optional(), prefix: z.string().optional(), regex: z.string().optional() }).strict()).optional(),
    cookie: z.record(z.string(), z.object({ exact: z.string().optional(), regex: z.string().optional() }).strict()).optional(),
  })
  .strict();

export const canaryStep = z
  .object({
    setWeight: percent.optional(),
    pause: z.object({ duration: duration.optional() }).strict().optional().describe('Without duration: wait for operator.promote'),
    analysis: analysisRef.optional(),
    setCanaryScale: z
      .object({ weight: percent.optional(), replicas: instanceCount.nonnegative().optional(), matchTrafficWeight: z.boolean().optional() })
      .strict()
      .optional(),
    setHeaderRoute: z.object({ name: z.string(), match: boundedList(headerMatch, 'each match is a route').optional() }).strict().optional(),
    setMirrorRoute: z.object({ name: z.string(), percentage: percent.optional() }).strict().optional(),
  })
  .strict()
  .describe('One step: exactly one of setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute');

export const blueGreenStrategy = z
  .object({
    autoPromotionEnabled: z.boolean().default(true),
    autoPromotionSeconds: wholeSeconds.optional(),
    previewReplicaCount: instanceCount.positive().optional(),
    prePromotionAnalysis: analysisRef.optional(),
    postPromotionAnalysis: analysisRef.optional(),
    scaleDownDelaySeconds: wholeSeconds.default(30),
  })
  .strict();

export const rollingStrategy = z
  .object({
    maxSurge: intOrPercent.default('25%'),
    maxUnavailable: intOrPercent.default('25%'),
    batchSize: intOrPercent.optional().describe('Fixed-size batches, CodeDeploy style; replaces maxSurge/maxUnavailable'),
    pauseBetweenBatches: duration.optional(),
    analysis: analysisRef.optional().describe('Gates checked after each batch'),
  })
  .strict();

export const canaryStrategy = z
  .object({
    steps: boundedList(canaryStep, 'each step is simulated').optional().describe('Explicit steps, Argo Rollouts style'),
    stepWeight: stepWeight.optional().describe('Linear increments, Flagger style'),
    stepWeights: boundedList(percent, 'each weight is a step').optional(),
    maxWeight: percent.default(100),
    interval: duration.optional().describe('Flagger: time between weight increments and checks'),
    threshold: repeatCount(EACH_CHECK).positive().optional().describe('Flagger: failed checks before rollback'),
    analysis: analysisRef.optional().describe('Background gates that run through every step'),
    trafficRouting: z.boolean().default(true).describe('true: a router splits traffic by weight; false: the split follows replica counts'),
    maxSurge: intOrPercent.default('25%'),
    maxUnavailable: intOrPercent.default('25%').describe('As Argo Rollouts: defaults to 25%'),
    dynamicStableScale: z.boolean().default(false),
  })
  .strict();

export const abTestStrategy = z
  .object({
    match: boundedList(headerMatch, 'each match is a route').min(1),
    iterations: repeatCount(EACH_ITERATION).positive().default(10),
    interval: duration.prefault(60),
    threshold: repeatCount(EACH_CHECK).positive().default(2),
    analysis: analysisRef.optional(),
    winner: z
      .object({ metric: simulatedMetric.default('errorRate'), lowerIsBetter: z.boolean().default(true) })
      .strict()
      .optional(),
  })
  .strict();

export const shadowStrategy = z
  .object({
    mirrorPercent: percent.default(100),
    iterations: repeatCount(EACH_ITERATION).positive().default(10),
    interval: duration.prefault(60),
    threshold: repeatCount(EACH_CHECK).positive().default(2),
    analysis: analysisRef.optional(),
  })
  .strict();

export const recreateStrategy = z.object({ analysis: analysisRef.optional() }).strict();

/**
 * The strategy kinds. A new kind needs its settings below and its profile
 * (src/domain/strategies/profiles.ts); the compiler names every other place.
 */
export const STRATEGY_KINDS = ['blueGreen', 'rolling', 'canary', 'abTest', 'shadow', 'recreate'] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

export const strategy = z
  .object({
    blueGreen: blueGreenStrategy.optional(),
    rolling: rollingStrategy.optional(),
    canary: canaryStrategy.optional(),
    abTest: abTestStrategy.optional(),
    shadow: shadowStrategy.optional(),
    recreate: recreateStrategy.optional(),
  } satisfies Record<StrategyKind, z.ZodOptional>)
  .strict()
  .describe(`Exactly one of ${STRATEGY_KINDS.join(', ')}`);

// ---------------------------------------------------------------- checks, policy, hooks

export const checks = z
  .object({
    readiness: z
      .object({ path: z.string().default('/healthz'), interval: duration.prefault(5), timeout: duration.prefault(2), failureThreshold: repeatCount('an instance that fails that many probes in a row is down').positive().default(3) })
      .strict()
      .optional(),
    minReadySeconds: wholeSeconds.default(0),
  })
  .strict();

export const policy = z
  .object({
    progressDeadlineSeconds: wholeSeconds.positive().default(600),
    onFailure: z.enum(['rollback', 'pause']).default('rollback'),
    // Unset and 30 differ under dynamicStableScale (Argo's HasExplicitAbortScaleDownDelay), so no default here.
    abortScaleDownDelaySeconds: wholeSeconds.optional().describe('Argo Rollouts: how long an aborted blue-green or traffic-routed canary keeps the new version up once the stable is full; default 30, 0 leaves it up'),
    progressDeadlineAbort: z
      .boolean()
      .optional()
      .describe(
        "At the progress deadline, roll back (or pause, by onFailure). Default: the engine's controller: true for fleet and flagger; Argo Rollouts' false (the Rollout is Degraded and waits); under kubernetes the Deployment controller only reports ProgressDeadlineExceeded, and true is Switchyard's own rollback",
      ),
  })
  .strict();

/**
 * The points a release calls hooks at, named as Flagger's webhook types. `confirm-*` hooks hold the
 * release until they say yes (a 2xx answer, exit 0); `pre-rollout` and `rollout` are checks (a
 * failure counts against the threshold); `rollback` is asked at every step and rolls the release
 * back when it says yes; `post-rollout` and `event` notify and never change the release.
 */
export const HOOK_POINTS = ['confirm-rollout', 'pre-rollout', 'rollout', 'confirm-traffic-increase', 'confirm-promotion', 'post-rollout', 'rollback', 'event'] as const;
/** The earlier names, each still run where it always was (lint says which point replaces it). */
export const LEGACY_HOOK_POINTS = ['prePromotion', 'postPromotion', 'onRollback'] as const;
export const hookPoint = z.enum([...HOOK_POINTS, ...LEGACY_HOOK_POINTS]);

const templated = (what: string) => z.string().describe(`${what}; \${env:NAME} is the runner's environment variable NAME, \${secret:NAME} a secret (VS Code's secret storage, or SWITCHYARD_HOOK_SECRETS)`);

export const hook = z
  .object({
    name: z.string().min(1).optional().describe('Shown in the timeline and sent in the body'),
    url: templated('An HTTP(S) address the hook calls').regex(/^(https?:\/\/|\$\{(env|secret):)/i, { message: 'expected an http:// or https:// address' }).optional(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional().describe('Default POST, with the release\'s state as a JSON body'),
    headers: z.record(z.string(), templated('A header value')).optional(),
    metadata: z.record(z.string(), z.string()).optional().describe('Sent in the body as `metadata`, as Flagger does'),
    command: z.array(z.string()).min(1).optional().describe('Program and arguments, run without a shell; the release\'s state is in SWITCHYARD_HOOK_* variables'),
    timeout: duration.optional().describe('How long one call may take; default 10s for a url, 60s for a command'),
    retries: z.number().int().nonnegative().max(10, atMost(10, 'a hook that fails ten times in a row is down')).default(0).describe('Further attempts after a failed call (a refusal is an answer, never retried)'),
    interval: duration.optional().describe('confirm-* and rollback: how often a hook that said no is asked again; default 10s'),
    deadline: duration.optional().describe('confirm-*: how long to wait for a yes before the release fails; default the progress deadline'),
  })
  .strict()
  .check((context) => {
    const { url, command } = context.value;
    if ((url === undefined) !== (command === undefined)) return;
    const message = url === undefined ? 'a hook needs a url (an HTTP call) or a command (program and arguments)' : 'a hook is either a url or a command, not both';
    context.issues.push({ code: 'custom', input: context.value, path: url === undefined ? [] : ['command'], message });
  })
  .describe('An HTTP call (url) or a command (argv, no shell)');

const hookList = boundedList(hook, 'each hook is called').min(1);

export const hooks = z
  .object({
    'confirm-rollout': hookList.optional().describe('Asked before anything moves; the release waits until every one says yes'),
    'pre-rollout': hookList.optional().describe('Run once the new version is up, before it gets traffic; a failure counts as a failed check'),
    rollout: hookList.optional().describe('Run at every step (every interval of a Flagger-style loop); a failure counts as a failed check'),
    'confirm-traffic-increase': hookList.optional().describe('Asked before each weight increase; the release holds until it says yes'),
    'confirm-promotion': hookList.optional().describe('Asked before promotion; the release holds until it says yes'),
    'post-rollout': hookList.optional().describe('Run after the release is promoted or rolled back; a failure is shown, never changes the outcome'),
    rollback: hookList.optional().describe('Asked at every step; a yes rolls the release back (Flagger\'s manual rollback)'),
    event: hookList.optional().describe('Told of every transition, for notifications; never blocks the release'),
    prePromotion: hook.optional().describe('Deprecated: run before promotion, a failure fails the release; use pre-rollout or confirm-promotion'),
    postPromotion: hook.optional().describe('Deprecated: run after promotion; use post-rollout'),
    onRollback: hook.optional().describe('Deprecated: run after a rollback; use post-rollout'),
  })
  .strict();

// ---------------------------------------------------------------- targets (real runs)

const port = z.number().int().min(1).max(65535);

export const haproxyTarget = z
  .object({
    socket: z.string().describe('Path of the runtime API socket (`stats socket PATH level admin`)'),
    backend: z.string(),
    stableServer: z.string().describe('The server that receives the stable share; its instances add servers named like it with -1, -2...'),
    candidateServer: z.string().describe('A server in the backend for the candidate, weight 0 until the release routes to it'),
    candidateBackend: z.string().optional().describe('Backend that header and cookie routes (A/B) send matching requests to; default `<backend>_candidate`'),
    stateFile: z
      .string()
      .optional()
      .describe('The file HAProxy\'s `server-state-file` names (with `load-server-state-from-file global`): rewritten after every change, so a reload or restart keeps the routing'),
    drainTime: duration.prefault(1).describe('How long a server drains (no new requests) before it is removed'),
    timeout: duration.prefault(5).describe('Runtime API call timeout'),
  })
  .strict();

export const nginxTarget = z
  .object({
    prefix: z.string().describe('nginx prefix (-p) of the instance to reload'),
    upstreamFile: z.string().describe('File the runner owns, included in `http {}`; rewritten atomically on every change'),
    binary: z.string().optional().describe('nginx executable; default nginx'),
    config: z.string().default('conf/nginx.conf').describe('Main config, relative to prefix (-c)'),
    upstream: z.string().default('app').describe('Name of the upstream block the runner writes'),
    stableServers: z.array(z.string()).default([]).describe('host:port of stable servers when instances are not process instances'),
    candidateServers: z.array(z.string()).default([]).describe('host:port of candidate servers when instances are not process instances'),
    timeout: duration.prefault(10),
  })
  .strict();

export const commandRouterTarget = z
  .object({
    setWeights: z.array(z.string()).min(1).describe('Program and arguments, no shell; {{stable}} and {{candidate}} are the percentages'),
    timeout: duration.prefault(30),
  })
  .strict();

export const processInstancesTarget = z
  .object({
    command: z.array(z.string()).min(1).describe('Program and arguments, no shell; {{port}}, {{version}}, {{role}} and {{index}} are replaced'),
    basePort: port.describe('Candidate instance i listens on basePort + i; stable instances the runner starts on basePort + 100 + i'),
    healthPath: z.string().default('/healthz'),
    stablePorts: z.array(port).default([]).describe('Ports of stable instances already running (not started, never stopped by the runner)'),
    startTimeout: duration.prefault(20).describe('How long a new instance may take to answer its health path'),
    stopTimeout: duration.prefault(5).describe('Grace period after SIGTERM before SIGKILL'),
    logDir: z.string().optional().describe('Where instance output goes; default the run directory'),
  })
  .strict();

export const commandInstancesTarget = z
  .object({
    scale: z.array(z.string()).min(1).describe('Program and arguments, no shell; {{role}}, {{replicas}} and {{version}} are replaced'),
    timeout: duration.prefault(120),
  })
  .strict();

/** A Kubernetes workload the runner releases by server-side apply (src/adapters/kubernetes). */
export const kubernetesTarget = z
  .object({
    kubeconfig: z.string().optional().describe('kubeconfig file; default $KUBECONFIG, ~/.kube/config, or the in-cluster service account'),
    context: z.string().optional().describe('Context in the kubeconfig; default its current context'),
    namespace: z.string().min(1).default('default'),
    deployment: z.string().min(1).describe('The Deployment released: rolling and recreate run through its own controller; a canary runs beside it as <deployment>-canary'),
    service: z.string().min(1).optional().describe('Canary: the Service in front of the Deployment; default the Deployment\'s name'),
    route: z.string().min(1).optional().describe('Canary: the Gateway API HTTPRoute whose backendRefs to the Service are split by weight; default the Deployment\'s name'),
    container: z.string().optional().describe('The container whose image is released; default the pod template\'s first container'),
    image: z.string().min(1).describe('The candidate\'s image; {{version}} is the plan\'s version'),
    podLabels: z.record(z.string(), z.string()).default({}).describe('Labels added to the candidate\'s pod template ({{version}} replaced)'),
    podAnnotations: z.record(z.string(), z.string()).default({}).describe('Annotations added to the candidate\'s pod template ({{version}} replaced)'),
    timeout: duration.prefault(10).describe('Timeout of each API call'),
  })
  .strict();

export const targets = z
  .object({
    router: z
      .object({ haproxy: haproxyTarget.optional(), nginx: nginxTarget.optional(), command: commandRouterTarget.optional() })
      .strict()
      .optional(),
    instances: z
      .object({ process: processInstancesTarget.optional(), command: commandInstancesTarget.optional() })
      .strict()
      .optional(),
    kubernetes: kubernetesTarget.optional().describe('A Kubernetes Deployment: it is both the instances and, behind its Service, the router'),
  })
  .strict();

// ---------------------------------------------------------------- scenarios (simulation)

export const versionBehaviour = z
  .object({
    errorRate: rate.default(0.001).describe('Share of requests that fail'),
    latencyMs: latencyMs.positive().default(50).describe('Median latency'),
    latencyP99Ms: latencyMs.positive().optional(),
    crashRate: z.number().nonnegative().max(MAX_CRASHES_PER_HOUR, atMost(MAX_CRASHES_PER_HOUR, 'a crash every second of every instance')).default(0).describe('Crashes per instance per hour'),
    degradation: z
      .object({ errorRatePerMinute: rate.default(0), latencyMsPerMinute: latencyMs.nonnegative().default(0) })
      .strict()
      .optional()
      .describe('Gets worse over time since the version started serving'),
  })
  .strict();

export const faultKind = z.enum(['instanceLoss', 'metricsOutage', 'routerFault', 'slowBoot', 'badVersion', 'crashLoop', 'hookFailure', 'hookTimeout', 'hookRefusal', 'hookApproval']);

export const fault = z
  .object({
    at: duration.describe('When, from the start of the run'),
    kind: faultKind,
    for: duration.optional().describe('How long it lasts (metricsOutage, routerFault, slowBoot)'),
    role: z.enum(['stable', 'candidate']).optional(),
    count: instanceCount.positive().optional().describe('instanceLoss: how many instances'),
    factor: z.number().positive().max(MAX_BOOT_FACTOR, atMost(MAX_BOOT_FACTOR, 'boots that much slower outlast any progress deadline')).optional().describe('slowBoot: boot time multiplier'),
    errorRate: rate.optional().describe('badVersion: the error rate the version turns to'),
    hook: hookPoint.optional().describe('hookFailure, hookTimeout, hookRefusal, hookApproval: the hook point it hits; default every hook. Without `for` it lasts to the end of the run'),
  })
  .strict();

export const scenario = z
  .object({
    description: z.string().optional(),
    seed: z.number().int().nonnegative().max(MAX_SEED, atMost(MAX_SEED, 'the simulator takes 32-bit seeds')).optional(),
    fleet: z
      .object({
        bootTime: z.object({ min: duration.prefault(5), max: duration.prefault(15) }).strict().prefault({}),
        drainTime: duration.prefault(5),
      })
      .strict()
      .prefault({}),
    traffic: z
      .object({
        rps: requestsPerSecond.default(100),
        noise: rate.default(0.05).describe('Relative noise on measured metrics'),
        previewRps: requestsPerSecond.default(5).describe('Test traffic an environment with no live traffic receives (smoke tests through a preview service), so its gates have something to measure'),
      })
      .strict()
      .prefault({}),
    stable: versionBehaviour.default({ errorRate: 0.001, latencyMs: 50, crashRate: 0 }),
    candidate: versionBehaviour.default({ errorRate: 0.001, latencyMs: 50, crashRate: 0 }),
    operator: z
      .object({ approveAfter: duration.optional().describe('Indefinite pauses are approved after this long; without it the run stays paused') })
      .strict()
      .optional(),
    faults: boundedList(fault, 'each fault is simulated').default([]),
  })
  .strict();

/** Scenarios by name; at most MAX_SCENARIOS, the first one past the limit reported at its key. */
export const scenarios = z
  .record(z.string(), scenario)
  .check((context) => {
    const excess = Object.keys(context.value)[MAX_SCENARIOS];
    if (excess === undefined) return;
    context.issues.push({ code: 'custom', input: context.value, path: [excess], message: tooManyScenarios(Object.keys(context.value).length) });
  })
  .meta({ maxProperties: MAX_SCENARIOS });

// ---------------------------------------------------------------- plan

export const plan = z
  .object({
    service: z.string().min(1).describe('The service this plan releases'),
    version: z.string().optional().describe('The new version being released'),
    stableVersion: z.string().optional(),
    engine: engineSemantics.default('fleet'),
    replicas: instanceCount.positive().default(1),
    strategy,
    checks: checks.default({ minReadySeconds: 0 }),
    analysis: boundedList(analysisGate, 'each gate is checked and simulated').default([]),
    policy: policy.default({ progressDeadlineSeconds: 600, onFailure: 'rollback' }),
    hooks: hooks.optional(),
    targets: targets.optional(),
    scenarios: scenarios.default({}),
  })
  .strict();

export type Plan = z.output<typeof plan>;
export type PlanInput = z.input<typeof plan>;
export type Scenario = z.output<typeof scenario>;
export type Fault = z.output<typeof fault>;
export type FaultKind = z.output<typeof faultKind>;
export type VersionBehaviour = z.output<typeof versionBehaviour>;
export type AnalysisGate = z.output<typeof analysisGate>;
export type AnalysisRef = z.output<typeof analysisRef>;
export type CanaryStep = z.output<typeof canaryStep>;
export type HeaderMatch = z.output<typeof headerMatch>;
export type BlueGreenStrategy = z.output<typeof blueGreenStrategy>;
export type RollingStrategy = z.output<typeof rollingStrategy>;
export type CanaryStrategy = z.output<typeof canaryStrategy>;
export type AbTestStrategy = z.output<typeof abTestStrategy>;
export type ShadowStrategy = z.output<typeof shadowStrategy>;
export type RecreateStrategy = z.output<typeof recreateStrategy>;
export type EngineSemantics = z.output<typeof engineSemantics>;
export type IntOrPercent = z.output<typeof intOrPercent>;
export type Targets = z.output<typeof targets>;
export type HaproxyTarget = z.output<typeof haproxyTarget>;
export type NginxTarget = z.output<typeof nginxTarget>;
export type CommandRouterTarget = z.output<typeof commandRouterTarget>;
export type ProcessInstancesTarget = z.output<typeof processInstancesTarget>;
export type CommandInstancesTarget = z.output<typeof commandInstancesTarget>;
export type KubernetesTarget = z.output<typeof kubernetesTarget>;
export type Hook = z.output<typeof hook>;
export type Hooks = z.output<typeof hooks>;
export type HookPoint = z.output<typeof hookPoint>;
