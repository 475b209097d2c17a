/**
 * Reading the raw reference files in a worker thread. Parsing SCB's xlsx files (exceljs) makes a lot of
 * short-lived garbage; in the main thread V8 keeps the heap it grew to for the life of the process, in a
 * worker the heap is freed when the worker ends. Only the compact inputs come back (structured clone).
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorId, type ErrorText, type Problem } from '../../core/errors.ts';
import type { ReadProgress, ReferenceInputs } from './inputs.ts';

export type WorkerMessage =
  | { step: string }
  | { inputs: ReferenceInputs }
  | { error: { message: string; id?: ErrorId; details?: Problem[]; text?: ErrorText } };

/**
 * The worker: its entry beside this module, compiled (.js), or the source (.ts) when the sources run through
 * tsx. On Node 20 a worker does not inherit tsx's hooks (neither `node --import tsx` nor tsx registered in
 * the main thread by bin/fardplan.mjs), so then the worker registers tsx before importing its entry.
 */
function spawn(dataDir: string): Worker {
  const workerData = { dataDir };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker.js', import.meta.url), { workerData });
  const entry = new URL('./read-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** readRawReferenceInputs in a worker thread: the same inputs, the same errors (AppError with its details). */
export function readRawReferenceInputsInWorker(
  dataDir: string,
  progress: ReadProgress = () => {},
): Promise<ReferenceInputs> {
  return new Promise((resolve, reject) => {
    let result: ReferenceInputs | undefined;
    let failure: Error | undefined;
    const worker = spawn(dataDir);
    worker.on('message', (m: WorkerMessage) => {
      if ('step' in m) progress(m.step);
      else if ('inputs' in m) result = m.inputs;
      else
        failure = m.error.id
          ? new AppError(m.error.id, m.error.message, m.error.details ?? [], m.error.text)
          : new Error(m.error.message);
    });
    worker.on('error', (e) => (failure ??= e));
    worker.on('exit', (code) => {
      if (failure) reject(failure);
      else if (result) resolve(result);
      else reject(new Error(`the worker reading ${dataDir} stopped (exit code ${code})`));
    });
  });
}
