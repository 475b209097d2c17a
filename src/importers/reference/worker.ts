/**
 * Reading the raw reference files in a worker thread. Reading SCB's xlsx sheets, the geography and the
 * CSV series makes short-lived garbage; in the main thread V8 keeps the heap it grew to for the life of the process, in a
 * worker the heap is freed when the worker ends. Only the compact inputs come back (structured clone).
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorId, type ErrorText, type Problem } from '../../core/errors.ts';
import { readRawReferenceInputs, type ReadProgress, type ReferenceInputs } from './inputs.ts';

export type WorkerMessage =
  | { step: string }
  | { inputs: ReferenceInputs }
  | { error: { message: string; id?: ErrorId; details?: Problem[]; text?: ErrorText } };

/**
 * The worker: its entry beside this module, compiled (.js), or the source (.ts) when the sources run through
 * tsx. On Node 20 a worker does not inherit tsx's hooks (neither `node --import tsx` nor tsx registered in
 * the main thread by bin/fardplan.mjs), so then the worker registers tsx before importing its entry.
 */
function spawn(dataDir: string, heapMb: number): Worker {
  const options = { workerData: { dataDir }, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker.js', import.meta.url), options);
  const entry = new URL('./read-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, ...options });
}

/**
 * The worker's old generation, in MB. A first start reads while the database opens, so the worker's heap
 * adds to PGlite's memory: a limit makes V8 collect the garbage early instead of growing the heap
 * (measured when the xlsx files were read with exceljs: a peak of 375–407 MB for the whole process, against
 * 433–456 MB without). The files
 * need much less; a worker that still runs out of memory is replaced by a read in this thread.
 */
export const READ_WORKER_HEAP_MB = 256;

/**
 * readRawReferenceInputs in a worker thread: the same inputs, the same errors (AppError with its details).
 * When the worker runs out of memory (`heapMb`), the files are read in this thread instead.
 */
export async function readRawReferenceInputsInWorker(
  dataDir: string,
  progress: ReadProgress = () => {},
  heapMb = READ_WORKER_HEAP_MB,
): Promise<ReferenceInputs> {
  try {
    return await readInWorker(dataDir, progress, heapMb);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e;
    return readRawReferenceInputs(dataDir, progress);
  }
}

/** The worker alone, without the fallback (readRawReferenceInputsInWorker). */
export function readInWorker(dataDir: string, progress: ReadProgress, heapMb: number): Promise<ReferenceInputs> {
  return new Promise((resolve, reject) => {
    let result: ReferenceInputs | undefined;
    let failure: Error | undefined;
    const worker = spawn(dataDir, heapMb);
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
