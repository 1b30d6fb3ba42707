import { setFlagsFromString } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../../domain/plan/schema';
import { runChosenShare } from '../../domain/simulator/chosenShare';
import { claimSeeds, keepRecent, KEPT_PLANS, type JobMessage, type WorkerMessage } from './claim';

/**
 * Worker thread entry (bundled as dist/worker.js), started once and kept for every Monte Carlo
 * of the process: for each job it claims chunks of seeds from the job's shared counter and posts
 * each chunk's samples, until no run is left; then it says it is finished. It never waits for
 * the parent between chunks.
 */

// V8 allocates an allocation site's objects straight in the old generation once most of them
// survive a young collection. Back-to-back runs trip that for objects that die with their run,
// and those then keep what they point to alive through every young collection until a full one
// (measured on the canary example: 1.3 MB promoted per young collection instead of 0.4 MB, and
// about a quarter less CPU per run without it). The flag is the process's: the CLI's workers
// run only simulations, and it is set before this thread's first run.
setFlagsFromString('--no-allocation-site-pretenuring');

/** Plans this worker has been sent, by id, most recent last. */
const plans = new Map<number, Plan>();

function planOf(message: JobMessage): Plan {
  const plan = message.plan ?? plans.get(message.planId);
  if (!plan) throw new Error(`plan ${message.planId} was never sent to this worker`);
  keepRecent(plans, message.planId, plan, KEPT_PLANS);
  return plan;
}

function runJob(message: JobMessage, post: (message: WorkerMessage) => void): void {
  const { job, chosen, baseSeed, runs, chunkSize } = message;
  try {
    const plan = planOf(message);
    const counter = new Int32Array(message.counter);
    for (let seeds = claimSeeds(counter, baseSeed, runs, chunkSize); seeds; seeds = claimSeeds(counter, baseSeed, runs, chunkSize)) {
      post({ type: 'samples', job, samples: runChosenShare(plan, chosen, seeds) });
    }
    post({ type: 'finished', job });
  } catch (error) {
    post({ type: 'error', job, message: error instanceof Error ? error.message : String(error) });
  }
}

const port = parentPort;
if (port) port.on('message', (message: JobMessage) => runJob(message, (reply) => port.postMessage(reply)));
