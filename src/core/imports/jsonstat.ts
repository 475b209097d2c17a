/**
 * JSON-stat 2.0 datasets (https://json-stat.org/format/): validated with zod and unrolled into cells,
 * one per combination of the dimensions' categories (row-major: the last dimension varies fastest).
 * `value` and `status` may be arrays or sparse objects keyed by the cell's position, as the format allows.
 */
import { z } from 'zod';
import type { Problem } from '../errors.ts';

const Category = z.object({
  index: z.union([z.array(z.string()), z.record(z.string(), z.number().int().nonnegative())]).optional(),
  label: z.record(z.string(), z.string()).optional(),
  unit: z
    .record(z.string(), z.object({ decimals: z.number().optional(), label: z.string().optional() }).loose())
    .optional(),
});

const Dimension = z.object({ label: z.string().optional(), category: Category }).loose();

export const JsonStatDataset = z
  .object({
    version: z.literal('2.0'),
    class: z.literal('dataset'),
    label: z.string().optional(),
    source: z.string().optional(),
    updated: z.string().optional(),
    id: z.array(z.string()).min(1),
    size: z.array(z.number().int().nonnegative()).min(1),
    role: z
      .object({
        time: z.array(z.string()).optional(),
        geo: z.array(z.string()).optional(),
        metric: z.array(z.string()).optional(),
      })
      .loose()
      .optional(),
    dimension: z.record(z.string(), Dimension),
    value: z.union([z.array(z.number().nullable()), z.record(z.string(), z.number().nullable())]),
    status: z
      .union([z.string(), z.array(z.string().nullable()), z.record(z.string(), z.string())])
      .nullable()
      .optional(),
  })
  .loose();
export type JsonStatDataset = z.infer<typeof JsonStatDataset>;

export interface JsonStatCategory {
  code: string;
  label: string;
}

export interface JsonStatCell {
  /** Category code per dimension id. */
  codes: Record<string, string>;
  value: number | null;
  status: string | null;
}

export interface ParsedJsonStat {
  label: string;
  source: string | null;
  ids: string[];
  roles: { time: string[]; geo: string[]; metric: string[] };
  categories: Record<string, JsonStatCategory[]>;
  dimensionLabels: Record<string, string>;
  cells: JsonStatCell[];
}

function orderedCodes(dimId: string, cat: z.infer<typeof Category>, size: number, file: string): string[] {
  let codes: string[];
  if (Array.isArray(cat.index)) codes = cat.index;
  else if (cat.index) {
    codes = new Array<string>(size);
    for (const [code, pos] of Object.entries(cat.index)) codes[pos] = code;
  } else codes = Object.keys(cat.label ?? {});
  if (codes.length !== size || codes.some((c) => c === undefined)) {
    throw problemError([
      {
        file,
        field: `dimension.${dimId}.category`,
        message: `has ${codes.length} categories but size says ${size}`,
      },
    ]);
  }
  return codes;
}

export class JsonStatError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.field ?? ''}: ${p.message}`).join('; '));
  }
}
const problemError = (problems: Problem[]): JsonStatError => new JsonStatError(problems);

/** Validates and unrolls a JSON-stat 2.0 dataset; throws JsonStatError naming the fields that are wrong. */
export function parseJsonStat(input: unknown, file: string): ParsedJsonStat {
  const r = JsonStatDataset.safeParse(input);
  if (!r.success) {
    throw problemError(
      r.error.issues.slice(0, 20).map((i) => ({ file, field: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  const ds = r.data;
  if (ds.id.length !== ds.size.length) {
    throw problemError([
      { file, field: 'size', message: `has ${ds.size.length} entries for ${ds.id.length} dimensions` },
    ]);
  }
  const categories: Record<string, JsonStatCategory[]> = {};
  const dimensionLabels: Record<string, string> = {};
  ds.id.forEach((dimId, d) => {
    const dim = ds.dimension[dimId];
    if (!dim) throw problemError([{ file, field: `dimension.${dimId}`, message: 'is missing' }]);
    const codes = orderedCodes(dimId, dim.category, ds.size[d]!, file);
    categories[dimId] = codes.map((code) => ({ code, label: dim.category.label?.[code] ?? code }));
    dimensionLabels[dimId] = dim.label ?? dimId;
  });
  const total = ds.size.reduce((a, b) => a * b, 1);
  if (Array.isArray(ds.value) && ds.value.length !== total) {
    throw problemError([{ file, field: 'value', message: `has ${ds.value.length} values for ${total} cells` }]);
  }
  const valueAt = (i: number): number | null =>
    Array.isArray(ds.value) ? (ds.value[i] ?? null) : (ds.value[String(i)] ?? null);
  const statusAt = (i: number): string | null => {
    const s = ds.status;
    if (s === null || s === undefined) return null;
    if (typeof s === 'string') return s;
    if (Array.isArray(s)) return s.length === 1 ? (s[0] ?? null) : (s[i] ?? null);
    return s[String(i)] ?? null;
  };
  const cells: JsonStatCell[] = [];
  const pos = ds.id.map(() => 0);
  for (let i = 0; i < total; i++) {
    const codes: Record<string, string> = {};
    ds.id.forEach((dimId, d) => (codes[dimId] = categories[dimId]![pos[d]!]!.code));
    cells.push({ codes, value: valueAt(i), status: statusAt(i) });
    for (let d = ds.id.length - 1; d >= 0; d--) {
      pos[d]!++;
      if (pos[d]! < ds.size[d]!) break;
      pos[d] = 0;
    }
  }
  return {
    label: ds.label ?? '',
    source: ds.source ?? null,
    ids: ds.id,
    roles: { time: ds.role?.time ?? [], geo: ds.role?.geo ?? [], metric: ds.role?.metric ?? [] },
    categories,
    dimensionLabels,
    cells,
  };
}
