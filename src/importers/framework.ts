// Reads the goals framework (data/framework/*.json in the repository) and validates it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FRAMEWORK_FILES, parseFramework, type Framework } from '../core/goals/framework-schema.ts';

/** data/framework in this repository. */
export const defaultFrameworkDir = fileURLToPath(new URL('../../data/framework', import.meta.url));

export async function readFrameworkRaw(
  dir: string = defaultFrameworkDir,
): Promise<Record<keyof typeof FRAMEWORK_FILES, unknown>> {
  const out: Partial<Record<keyof typeof FRAMEWORK_FILES, unknown>> = {};
  for (const [key, file] of Object.entries(FRAMEWORK_FILES) as [keyof typeof FRAMEWORK_FILES, string][]) {
    const path = join(dir, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new Error(`${path}: cannot read the file (${(e as Error).message})`);
    }
    try {
      out[key] = JSON.parse(text) as unknown;
    } catch (e) {
      throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
    }
  }
  return out as Record<keyof typeof FRAMEWORK_FILES, unknown>;
}

/** Reads and validates the framework; throws an Error naming the file and field on bad input. */
export async function loadFramework(dir: string = defaultFrameworkDir): Promise<Framework> {
  return parseFramework(await readFrameworkRaw(dir));
}
