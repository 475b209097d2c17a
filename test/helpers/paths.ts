import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The shared reference data (never copied into the repository). */
export const dataDir = resolve(process.env.FARDPLAN_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));
/** Reference cases with independently computed answers. */
export const testdataDir = resolve(process.env.FARDPLAN_TESTDATA_DIR ?? join(repoRoot, '..', 'shared', 'testdata'));
/** The source documents (seeds). */
export const seedsDir = resolve(process.env.FARDPLAN_SEEDS_DIR ?? join(repoRoot, '..', 'shared', 'seeds'));
export const hasData = existsSync(dataDir);
/** Golden files live beside the tests. */
export const goldenDir = join(repoRoot, 'test', 'golden');
