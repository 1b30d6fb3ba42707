import { parentPort, workerData } from 'node:worker_threads';
import { runChosenShare } from '../../domain/simulator/chosenShare';
import { claimSeeds, type WorkerMessage, type WorkerSetup } from './claim';

/**
 * Worker thread entry (bundled as dist/worker.js): claims chunks of seeds from the shared counter
 * and posts each chunk's samples, until no run is left; then says it is finished. It never waits
 * for the parent between chunks.
 */
const setup = workerData as WorkerSetup;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
const counter = new Int32Array(setup.counter);
const claim = (): number[] | undefined => claimSeeds(counter, setup.baseSeed, setup.runs, setup.chunkSize);

try {
  for (let seeds = claim(); seeds; seeds = claim()) post({ type: 'done', samples: runChosenShare(setup.plan, setup.chosen, seeds) });
  post({ type: 'finished' });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
