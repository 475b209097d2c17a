/**
 * Bounded imports: an 8 MB XLSX zip bomb sent to the import preview is refused at once from its ZIP directory
 * (and one whose directory lies is refused by the capped inflate), a 100 MB upload is refused by the body limit,
 * and the server keeps answering other requests meanwhile: health checks asked every 25 ms are answered while
 * the bomb's upload is in flight (and around the 100 MB one, which is refused). No wall-clock bound is asserted (the machine running the tests is shared); the
 * health latencies measured are printed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { constants, deflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/db/database.ts';
import { checkZipBounds, ZipBoundsError } from '../../src/importers/zip-bounds.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW, seededBytes } from '../helpers/app.ts';

/** A ZIP with the given entries (raw deflate data), each declaring `declared` as its unpacked size. */
function zip(entries: { name: string; data: Buffer; declared: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.declared, 22);
    h.writeUInt16LE(name.length, 26);
    locals.push(h, name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.declared, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Raw deflate data of `copies` × 64 MiB of zeros (independent blocks joined, then a final empty block). */
function zeros(copies: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  return Buffer.concat([...Array.from({ length: copies }, () => block), deflateRawSync(Buffer.alloc(0))]);
}

/** A body sent in chunks, of a known length. */
interface Streamed {
  length: number;
  chunks(): AsyncIterable<string>;
}

for (const engine of engines())
  describe(`bounded imports (${engine})`, () => {
    let db: Database;
    let app: FastifyInstance;
    let port: number;
    let honestBomb: Buffer;
    let lyingBomb: Buffer;

    before(async () => {
      db = await freshDatabase(engine);
      app = await buildApp({
        db,
        version: 'test',
        devWrites: true,
        dataStatus: { dataDir: null, loaded: false, message: null },
        now: () => FIXED_NOW,
        randomBytes: seededBytes('bounds'),
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.server.address() as { port: number }).port;
      // ~8 MB that unpack to 8 GiB: four sheets of 2 GiB each, declared honestly
      const part = zeros(32);
      honestBomb = zip(
        [1, 2, 3, 4].map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: part, declared: 2 ** 31 - 1 })),
      );
      // the same data in one entry whose directory claims 1 kB
      lyingBomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(120), declared: 1000 }]);
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    /**
     * Sends `body` to `path` while /health is asked every 25 ms; returns the answer and the health latencies. A
     * streamed body goes out in 1 MB chunks, as a client uploading a large file sends it (and is never held whole
     * in this process, whose own garbage collection would otherwise be measured as the server's latency).
     */
    async function whileServing(path: string, body: Buffer | string | Streamed, contentType = 'application/json') {
      const latencies: number[] = [];
      let busy = true;
      let inFlight = false;
      /** Health answers that arrived after the upload was sent and before its answer. */
      let duringUpload = 0;
      const pinger = (async () => {
        while (busy) {
          const t0 = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (inFlight) duringUpload++;
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
      inFlight = true;
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            headers: {
              'content-type': contentType,
              'content-length': typeof body === 'object' && 'chunks' in body ? body.length : Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', (err) => ((err as { code?: string }).code === 'EPIPE' ? undefined : reject(err)));
        if (typeof body === 'object' && 'chunks' in body) {
          const source = Readable.from(body.chunks());
          source.on('error', reject);
          // the server answers 413 and closes before the whole body is sent: stop sending then
          req.on('close', () => source.destroy());
          source.pipe(req);
        } else req.end(body);
      });
      inFlight = false;
      await new Promise((r) => setTimeout(r, 100));
      busy = false;
      await pinger;
      return { ...answer, latencies, duringUpload, max: Math.max(...latencies) };
    }

    it('the ZIP directory check refuses a bomb without inflating it, and a lying directory by the capped inflate', () => {
      assert.ok(honestBomb.length > 7_000_000 && honestBomb.length < 9_000_000, `${honestBomb.length} bytes`);
      // refused from its directory (what the entries declare), before anything is inflated
      assert.throws(
        () => checkZipBounds(honestBomb),
        (e: Error) => e instanceof ZipBoundsError && /would unpack to more than .* zip bomb/.test(e.message),
      );
      // the lying directory passes that check, and the capped inflate stops at the declared size
      assert.throws(
        () => checkZipBounds(lyingBomb),
        (e: Error) =>
          e instanceof ZipBoundsError && /unpacks to more than its directory says.*zip bomb/.test(e.message),
      );
    });

    for (const [label, bomb] of [
      ['honest', () => honestBomb],
      ['lying', () => lyingBomb],
    ] as const) {
      it(`an 8 MB XLSX zip bomb (${label} directory) sent to the preview is refused while the server answers`, async () => {
        const rss0 = process.memoryUsage().rss;
        const r = await whileServing(
          '/api/v1/interventions/import/preview',
          JSON.stringify({ format: 'xlsx', content: bomb().toString('base64') }),
        );
        process.stdout.write(
          `# zip bomb (${label}): health latency max ${r.max.toFixed(0)} ms over ${r.latencies.length}\n`,
        );
        assert.ok(r.status === 200 || r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
        assert.match(r.text, /zip bomb/);
        if (r.status === 200) assert.equal(JSON.parse(r.text).ok, false);
        assert.ok(r.duringUpload >= 1, 'health was answered while the upload was in flight');
        assert.ok(process.memoryUsage().rss - rss0 < 400 * 1024 * 1024, 'memory stays bounded');
      });
    }

    it('a 100 MB CSV upload is refused by the body limit (413) while the server answers', async () => {
      // 100 MB of CSV lines, base64 in the JSON body as the web app sends a file: a line of 30 bytes is 40
      // base64 characters with no padding, so the content is the line's base64 repeated
      const line = 'id;name;committee;area;amount\n';
      const lines = Math.ceil((100 * 1024 * 1024) / line.length);
      const unit = Buffer.from(line).toString('base64');
      assert.equal(Buffer.from(unit.repeat(3), 'base64').toString(), line.repeat(3));
      const head = '{"format":"csv","content":"';
      const tail = '"}';
      const perChunk = 25_000; // 1 MB of base64
      const r = await whileServing('/api/v1/interventions/import/preview', {
        length: head.length + unit.length * lines + tail.length,
        async *chunks() {
          yield head;
          for (let i = 0; i < lines; i += perChunk) yield unit.repeat(Math.min(perChunk, lines - i));
          yield tail;
        },
      });
      process.stdout.write(`# 100 MB CSV: health latency max ${r.max.toFixed(0)} ms over ${r.latencies.length}\n`);
      assert.equal(r.status, 413);
      assert.equal(JSON.parse(r.text).error.id, 'payload_too_large');
      assert.ok(r.latencies.length >= 3, 'health was answered around the upload');
    });
  });
