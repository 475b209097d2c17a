/** A minimal zip reader (stored or deflated entries) on Node's zlib. */
import { inflateRawSync } from 'node:zlib';

/** Reads the entries of a zip file (stored or deflated) with Node's zlib. */
export function readZip(data: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip directory found');
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, '');
    p += 46 + nameLen + extraLen + commentLen;
    if (data.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad zip entry ${name}`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    if (name.endsWith('/')) continue;
    if (method === 0) out.set(name, Buffer.from(raw));
    else if (method === 8) out.set(name, inflateRawSync(raw));
    else throw new Error(`zip entry ${name} uses compression method ${method}`);
  }
  return out;
}
