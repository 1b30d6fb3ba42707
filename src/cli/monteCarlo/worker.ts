import { parentPort, workerData } from 'node:worker_threads';
import { parsePlan } from '../../domain/plan/parse';
import { runShare, type ParentMessage, type WorkerMessage, type WorkerSetup } from './share';

/**
 * Worker thread entry (bundled as dist/worker.js): parses the plan once, says it is ready, then
 * runs each chunk of seeds it is sent and posts the samples back, until told to stop.
 */
const setup = workerData as WorkerSetup;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

const parsed = parsePlan(setup.source, setup.fileName);
if (!parsed.ok) {
  post({ type: 'error', message: `${setup.fileName} does not parse` });
} else {
  const plan = parsed.plan;
  parentPort?.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      parentPort?.close();
      return;
    }
    try {
      post({ type: 'done', samples: runShare(plan, setup.scenario, message.seeds) });
    } catch (error) {
      post({ type: 'error', message: (error as Error).message });
    }
  });
  post({ type: 'ready' });
}
