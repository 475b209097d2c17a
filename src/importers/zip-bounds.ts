/**
 * Bounds for ZIP packages (XLSX files) before a library inflates them: the central directory is read first and a
 * package whose entries add up to more than the limit (a "zip bomb": a few megabytes that unpack to gigabytes) is
 * refused at once, without inflating anything. Because a directory can lie, each entry is then inflated here with
 * a hard output cap (zlib's maxOutputLength) equal to its declared size, so no entry can unpack to more than the
 * directory said.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Largest total unpacked size (bytes). */
  maxUnpacked: number;
  /** Most entries. */
  maxEntries: number;
}

export const XLSX_LIMITS: ZipLimits = { maxUnpacked: 100 * 1024 * 1024, maxEntries: 2000 };

export class ZipBoundsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipBoundsError';
  }
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Throws ZipBoundsError when `buf` is not a ZIP within `limits`; returns the total unpacked size. */
export function checkZipBounds(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): number {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipBoundsError('the file is not an XLSX workbook (no ZIP directory)');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff)
    throw new ZipBoundsError('the workbook is a ZIP64 package, which is not accepted');
  if (entries > limits.maxEntries)
    throw new ZipBoundsError(`the workbook has ${entries} parts; at most ${limits.maxEntries} are accepted`);
  if (cdOffset + cdSize > buf.length) throw new ZipBoundsError('the workbook is damaged (ZIP directory out of range)');
  const list: { method: number; compressed: number; size: number; local: number }[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN)
      throw new ZipBoundsError('the workbook is damaged (bad ZIP directory entry)');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff || compressed === 0xffffffff)
      throw new ZipBoundsError('the workbook is a ZIP64 package, which is not accepted');
    total += size;
    if (total > limits.maxUnpacked)
      throw new ZipBoundsError(
        `the workbook would unpack to more than ${Math.round(limits.maxUnpacked / 1048576)} MB; it is refused (a damaged file or a zip bomb)`,
      );
    list.push({ method, compressed, size, local: buf.readUInt32LE(p + 42) });
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  // The directory may lie: inflate each entry with its declared size as a hard cap.
  for (const e of list) {
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== LOC)
      throw new ZipBoundsError('the workbook is damaged (bad ZIP entry)');
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    const data = buf.subarray(start, start + e.compressed);
    if (e.method === 8) {
      try {
        inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        const code = (err as { code?: string }).code;
        throw new ZipBoundsError(
          code === 'ERR_BUFFER_TOO_LARGE'
            ? 'a part of the workbook unpacks to more than its directory says; it is refused (a zip bomb?)'
            : 'the workbook is damaged (a part cannot be unpacked)',
        );
      }
    } else if (e.method !== 0)
      throw new ZipBoundsError(`the workbook uses ZIP method ${e.method}, which is not accepted`);
  }
  return total;
}
