import { Worker } from 'node:worker_threads';
import type { Plan } from '../../domain/plan/schema';
import type { RunSample } from '../../domain/simulator/monteCarlo';
import type { SeedJob } from '../../domain/simulator/runSeeds';
import { exhaust, keepRecent, KEPT_PLANS, type JobMessage, type WorkerMessage } from './claim';

/**
 * The process's Monte Carlo worker threads: started on first use and kept for every later job
 * (a worker loads its bundle and warms up its compiled code once, not per call). An idle worker
 * does not keep the process alive; one with a job does.
 */

interface JobListener {
  samples(samples: RunSample[]): void;
  finished(): void;
  failed(error: Error): void;
}

/** One worker thread and the jobs it has been given. */
class SeedThread {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, JobListener>();
  /** The plan ids this worker holds, in the order it keeps them (see keepRecent). */
  private readonly plans = new Map<number, true>();
  alive = true;

  constructor(script: string, private readonly onDeath: (thread: SeedThread) => void) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    this.worker.on('error', (error) => this.die(error));
    this.worker.on('exit', (code) => this.die(new Error(`Monte Carlo worker exited with code ${code} before finishing`)));
  }

  run(message: Omit<JobMessage, 'plan'>, plan: Plan, listener: JobListener): void {
    if (this.jobs.size === 0) this.worker.ref();
    this.jobs.set(message.job, listener);
    const known = this.plans.has(message.planId);
    keepRecent(this.plans, message.planId, true, KEPT_PLANS);
    this.worker.postMessage(known ? message : { ...message, plan });
  }

  terminate(): Promise<number> {
    this.alive = false;
    const listeners = [...this.jobs.values()];
    this.jobs.clear();
    for (const listener of listeners) listener.failed(new Error('the Monte Carlo worker threads were closed'));
    return this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    const listener = this.jobs.get(message.job);
    if (!listener) return;
    if (message.type === 'samples') {
      listener.samples(message.samples);
      return;
    }
    this.jobs.delete(message.job);
    if (this.jobs.size === 0) this.worker.unref();
    if (message.type === 'finished') listener.finished();
    else listener.failed(new Error(message.message));
  }

  private die(error: Error): void {
    if (!this.alive) return;
    this.alive = false;
    this.onDeath(this);
    const listeners = [...this.jobs.values()];
    this.jobs.clear();
    for (const listener of listeners) listener.failed(error);
  }
}

/** A job under way on some threads. */
export interface ThreadJob {
  finished: Promise<void>;
  /** Stops the threads claiming more of this job's seeds; samples that still arrive are dropped. */
  stop(): void;
}

/** The worker threads of one worker script. */
export class SeedThreads {
  private readonly threads: SeedThread[] = [];
  private nextJob = 1;
  private nextPlanId = 1;
  private readonly planIds = new WeakMap<Plan, number>();

  constructor(private readonly script: string) {}

  /**
   * Runs `job` on the first `count` threads (starting the ones missing), each claiming chunks of
   * `chunkSize` seeds from one shared counter; every chunk's samples arrive through `onSamples`.
   */
  run(job: SeedJob, count: number, chunkSize: number, onSamples: (samples: RunSample[]) => void): ThreadJob {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const threads = this.take(count);
    let stopped = false;
    let pending = threads.length;
    let resolve: () => void = () => undefined;
    let reject: (error: Error) => void = () => undefined;
    const finished = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const message = { type: 'job' as const, job: this.nextJob++, planId: this.planIdOf(job.plan), chosen: job.chosen, baseSeed: job.baseSeed, runs: job.runs, chunkSize, counter: counter.buffer as SharedArrayBuffer };
    const listener: JobListener = {
      samples: (samples) => {
        if (!stopped) onSamples(samples);
      },
      finished: () => {
        pending -= 1;
        if (pending === 0) resolve();
      },
      failed: (error) => {
        stopped = true;
        exhaust(counter, job.runs);
        reject(error);
      },
    };
    for (const thread of threads) thread.run(message, job.plan, listener);
    if (threads.length === 0) resolve();
    return {
      finished,
      stop: () => {
        stopped = true;
        exhaust(counter, job.runs);
      },
    };
  }

  /** Ends every thread; the next job starts new ones. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  /** How many threads are running now. */
  get size(): number {
    return this.threads.length;
  }

  private take(count: number): SeedThread[] {
    while (this.threads.length < count) {
      const thread: SeedThread = new SeedThread(this.script, (dead) => {
        const at = this.threads.indexOf(dead);
        if (at >= 0) this.threads.splice(at, 1);
      });
      this.threads.push(thread);
    }
    return this.threads.slice(0, count);
  }

  private planIdOf(plan: Plan): number {
    let id = this.planIds.get(plan);
    if (id === undefined) {
      id = this.nextPlanId++;
      this.planIds.set(plan, id);
    }
    return id;
  }
}

const byScript = new Map<string, SeedThreads>();

/**
 * The process's threads for a worker script, made on first use.
 *
 * @example
 * const threads = seedThreads('dist/worker.js');
 * await threads.run(job, 2, 25, (samples) => all.push(...samples)).finished;
 */
export function seedThreads(script: string): SeedThreads {
  let threads = byScript.get(script);
  if (!threads) {
    threads = new SeedThreads(script);
    byScript.set(script, threads);
  }
  return threads;
}

/** Ends every worker thread of the process (tests; a process can also just exit). */
export async function closeSeedThreads(): Promise<void> {
  await Promise.all([...byScript.values()].map((threads) => threads.close()));
}
