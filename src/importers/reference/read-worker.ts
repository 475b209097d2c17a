/**
 * Worker thread entry (see worker.ts): reads the raw files of the data directory in `workerData.dataDir`
 * and posts each progress step, then the inputs (or the error, with an AppError's id and details).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { readRawReferenceInputs } from './inputs.ts';
import type { WorkerMessage } from './worker.ts';

const port = parentPort!;
const post = (m: WorkerMessage): void => port.postMessage(m);
try {
  const inputs = await readRawReferenceInputs((workerData as { dataDir: string }).dataDir, (step) => post({ step }));
  post({ inputs });
} catch (e) {
  const err = e as Error;
  post({
    error: {
      message: err.message,
      ...(e instanceof AppError
        ? { id: e.id, details: e.details, ...(e.code ? { text: { code: e.code, params: e.params } } : {}) }
        : {}),
    },
  });
}
