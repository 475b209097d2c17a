/**
 * Reads the indicator catalogue: one metadata file per indicator under `data/indicators/<id>.json`,
 * each validated with the contract's schema, then checked as a whole (unique ids, numerators and
 * denominators that exist). A bad file is refused with its file name and the field.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueProblems, indicatorMetadataSchema, type IndicatorMetadata } from '../core/contracts/indicators.ts';
import { AppError, type Problem } from '../core/errors.ts';

/** data/indicators in this repository. */
export const defaultIndicatorDir = fileURLToPath(new URL('../../data/indicators', import.meta.url));

export interface IndicatorCatalogue {
  indicators: IndicatorMetadata[];
  /** SHA-256 over the files' names and bytes: a changed catalogue is recognised at start. */
  checksum: string;
}

/** Validates one file's parsed JSON; returns the metadata or the problems (file and field named). */
export function parseIndicatorFile(
  file: string,
  json: unknown,
): { ok: true; value: IndicatorMetadata } | { ok: false; problems: Problem[] } {
  const r = indicatorMetadataSchema.safeParse(json);
  if (!r.success)
    return {
      ok: false,
      problems: r.error.issues.map((i) => ({ file, field: i.path.join('.') || '(file)', message: i.message })),
    };
  const expected = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (r.data.id !== expected)
    return { ok: false, problems: [{ file, field: 'id', message: `the id must equal the file name (${expected})` }] };
  return { ok: true, value: r.data };
}

/** Reads, validates and orders the catalogue (by `sort`, then id). Throws `import_failed` listing every problem. */
export function readIndicatorCatalogue(dir: string = defaultIndicatorDir): IndicatorCatalogue {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const hash = createHash('sha256');
  const problems: Problem[] = [];
  const indicators: IndicatorMetadata[] = [];
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    hash.update(f).update('\u0000').update(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      problems.push({ file: f, message: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    const r = parseIndicatorFile(f, json);
    if (r.ok) indicators.push(r.value);
    else problems.push(...r.problems);
  }
  for (const p of catalogueProblems(indicators))
    problems.push({ file: `${p.id}.json`, field: p.field, message: p.message });
  if (problems.length)
    throw new AppError(
      'import_failed',
      `the indicator catalogue in ${dir} has ${problems.length} problem(s)`,
      problems,
    );
  indicators.sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.id.localeCompare(b.id));
  return { indicators, checksum: hash.digest('hex') };
}
