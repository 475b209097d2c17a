/**
 * Process life of `fardplan serve`: graceful shutdown on SIGTERM/SIGINT (stop accepting, finish the requests in
 * flight, close the database — PGlite flushes its files), a hard exit when that takes too long or a second signal
 * comes, and a watchdog for a main thread that stops turning (e.g. the embedded database spinning on a full disk):
 * a blocked event loop never runs a signal handler, so a helper thread ends the process instead.
 */
import { Worker } from 'node:worker_threads';

export interface ShutdownOptions {
  /** Stop the server and close the database. */
  close: () => Promise<void>;
  /** Longest wait for `close` before the process exits anyway (ms). */
  graceMs?: number;
  log?: (line: string) => void;
  exit?: (code: number) => void;
}

/** Installs the SIGTERM/SIGINT handlers. Returns a function that runs the same shutdown (for tests). */
export function installShutdown(opts: ShutdownOptions): (signal: string) => Promise<void> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      log(`Received ${signal} again: exiting now.`);
      return exit(1);
    }
    stopping = true;
    log(`Received ${signal}: finishing the requests in flight and closing the database…`);
    const timer = setTimeout(() => {
      log('Shutdown took too long: exiting without waiting.');
      exit(1);
    }, opts.graceMs ?? 10_000);
    timer.unref();
    try {
      await opts.close();
      clearTimeout(timer);
      exit(0);
    } catch (err) {
      log(`Shutdown failed: ${(err as Error).message}`);
      exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
  return shutdown;
}

const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beat = new Int32Array(workerData.buffer);
setInterval(() => {
  const last = Atomics.load(beat, 0);
  const now = Math.floor(Date.now() / 1000) % 2147483647;
  if (now - last > workerData.limitSeconds) {
    writeSync(2, 'fardplan: the main thread has not answered for ' + (now - last) +
      ' s (is the disk full?); ending the process so that it can be restarted.\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 1000);
`;

/**
 * Starts the watchdog: the main thread beats every second; when it misses beats for `limitSeconds`, the helper
 * thread kills the process. Returns a stop function. `limitSeconds` 0 turns it off.
 */
export function startWatchdog(limitSeconds: number): () => Promise<void> {
  if (!(limitSeconds > 0)) return async () => undefined;
  const buffer = new SharedArrayBuffer(4);
  const beat = new Int32Array(buffer);
  const tick = (): void => void Atomics.store(beat, 0, Math.floor(Date.now() / 1000) % 2147483647);
  tick();
  const interval = setInterval(tick, 1000);
  interval.unref();
  const worker = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { buffer, limitSeconds } });
  worker.unref();
  return async () => {
    clearInterval(interval);
    await worker.terminate();
  };
}
