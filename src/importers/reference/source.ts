/**
 * Where the Stockholm reference data comes from at start: the raw files of the data directory when one
 * is set (FARDPLAN_DATA_DIR, or ../shared/data beside the checkout), otherwise the dataset that ships in
 * the repository (data/reference/stockholm). Read once per start and shared by the loaders that need it.
 */
import { referenceChecksum } from '../stockholm-reference.ts';
import { readRawReferenceInputs, type ReadProgress, type ReferenceInputs } from './inputs.ts';
import { readRawReferenceInputsInWorker } from './worker.ts';
import { hasShipped, readShipped, readShippedManifest, shippedReferenceDir } from './shipped.ts';

export interface ReferenceOrigin {
  kind: 'raw' | 'shipped';
  dir: string;
  /** Recognises the same data twice (import_batch.checksum). */
  checksum: string;
  fileCount: number;
  /** For the import batch and the data banner. */
  description: string;
  /** YYYY-MM-DD of the extraction (shipped), or null for raw files read now. */
  extractedAt: string | null;
  read(progress?: ReadProgress): Promise<ReferenceInputs>;
}

export interface ReferenceChoice {
  dataDir: string | null;
  /** False: never fall back to the shipped dataset (a start "without data"). Default true. */
  shipped?: boolean;
  shippedDir?: string;
}

const cache = new Map<string, Promise<ReferenceInputs>>();

function cached(key: string, read: () => Promise<ReferenceInputs>): Promise<ReferenceInputs> {
  let p = cache.get(key);
  if (!p) {
    p = read();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    // keep only the latest read: a start reads one origin
    for (const k of cache.keys()) if (k !== key) cache.delete(k);
  }
  return p;
}

export function rawOrigin(dir: string): ReferenceOrigin {
  const { checksum, fileCount } = referenceChecksum(dir);
  return {
    kind: 'raw',
    dir,
    checksum,
    fileCount,
    description: `Stockholm reference data from ${dir}`,
    extractedAt: null,
    read: (progress) => cached(`raw:${dir}:${checksum}`, () => readRawReferenceInputs(dir, progress)),
  };
}

/**
 * The raw origin with its files being read from now on, in a worker thread (its heap is freed when it
 * ends): a first start sets this going before it opens the database, so that the reading and the opening
 * overlap (services/bootstrap.ts prepareStartup). Its `read` waits for these inputs and reports the steps
 * the worker reported, those before the call included; a failure of the worker is its rejection.
 */
export function rawOriginReadInWorker(dir: string): ReferenceOrigin {
  const origin = rawOrigin(dir);
  const steps: string[] = [];
  let listener: ReadProgress | undefined;
  const inputs = readRawReferenceInputsInWorker(dir, (step) => {
    steps.push(step);
    listener?.(step);
  });
  // until `read` is called nobody waits for it: not an unhandled rejection (read hands the same promise on)
  inputs.catch(() => undefined);
  return {
    ...origin,
    read: (progress) => {
      for (const s of steps) progress?.(s);
      listener = progress;
      return inputs;
    },
  };
}

export function shippedOrigin(dir: string = shippedReferenceDir): ReferenceOrigin {
  const m = readShippedManifest(dir);
  const parts = Object.values(m.parts)
    .map((p) => p.sha256)
    .join(',');
  return {
    kind: 'shipped',
    dir,
    checksum: `shipped:${m.rawChecksum}:${parts}`,
    fileCount: Object.keys(m.parts).length,
    description: `Stockholm reference data shipped with Färdplan (extracted ${m.extractedAt})`,
    extractedAt: m.extractedAt,
    read: () => cached(`shipped:${dir}:${parts}`, () => Promise.resolve(readShipped(dir).inputs)),
  };
}

/** The raw data directory when set, else the shipped dataset (unless refused), else null. */
export function chooseReference(c: ReferenceChoice): ReferenceOrigin | null {
  if (c.dataDir) return rawOrigin(c.dataDir);
  if (c.shipped === false) return null;
  const dir = c.shippedDir ?? shippedReferenceDir;
  return hasShipped(dir) ? shippedOrigin(dir) : null;
}
