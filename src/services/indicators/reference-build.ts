/** `fardplan reference build`: regenerates the shipped reference dataset from a raw data directory. */
import { readRawReferenceInputs } from '../../importers/reference/inputs.ts';
import { compactInputs, encodeShipped, writeShipped, type ShippedManifest } from '../../importers/reference/shipped.ts';
import { referenceChecksum } from '../../importers/stockholm-reference.ts';

/** data/reference/stockholm: where the shipped dataset lives, and where a build writes by default. */
export { shippedReferenceDir } from '../../importers/reference/shipped.ts';

/** Stockholm's calendar date of an instant (YYYY-MM-DD). */
export function stockholmDate(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);
}

/** Reads the raw files through the importers and encodes them as the shipped dataset (nothing written). */
export async function buildShippedReference(
  rawDir: string,
  now: () => Date,
): Promise<{ manifest: ShippedManifest; files: Record<string, Buffer> }> {
  const { checksum, fileCount } = referenceChecksum(rawDir);
  const inputs = compactInputs(await readRawReferenceInputs(rawDir));
  return encodeShipped(inputs, { extractedAt: stockholmDate(now()), rawChecksum: checksum, rawFileCount: fileCount });
}

export async function writeShippedReference(
  rawDir: string,
  outDir: string,
  now: () => Date,
): Promise<{ manifest: ShippedManifest; bytes: number }> {
  const { manifest, files } = await buildShippedReference(rawDir, now);
  writeShipped(outDir, files);
  return { manifest, bytes: Object.values(files).reduce((n, b) => n + b.length, 0) };
}
