/**
 * Throughput against a ceiling: each route of the app is loaded with autocannon (a separate process, so it
 * does not share the server's event loop) at 32 concurrent connections, and so is a trivial Fastify server
 * serving the very same bytes, in the same run. The ratio app / ceiling is the figure that means something
 * on a shared machine.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers in the run. */
  total: number;
  /**
   * The machine's TCP tail loss probes during the run (Linux's TcpExt counters; null elsewhere): a sender
   * that saw no acknowledgement of an answer's last segment in time and sent it again. On loopback nothing
   * is lost, so each one is an answer that stalled at a receiver too busy to read it.
   */
  lossProbes: number | null;
}

/** Linux's TCP extension counters (/proc/net/netstat), or null where there are none. */
function tcpExt(): Record<string, number> | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('TcpExt:'));
    const names = lines[i]!.split(/\s+/).slice(1);
    const values = lines[i + 1]!.split(/\s+/).slice(1).map(Number);
    return Object.fromEntries(names.map((n, k) => [n, values[k]!]));
  } catch {
    return null;
  }
}

const autocannonBin = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

/** Loads `url` for `seconds` at `connections` concurrent connections; `headers` as a browser would send them. */
export function load(
  url: string,
  seconds: number,
  connections = 32,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const before = tcpExt();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [autocannonBin, '-c', String(connections), '-d', String(seconds), '-t', '10', ...headerArgs, '-j', url],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        const after = tcpExt();
        const r = JSON.parse(stdout) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          errors: number;
          timeouts: number;
          non2xx: number;
        };
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          total: r.requests.total,
          lossProbes: before && after && 'TCPLossProbes' in after ? after.TCPLossProbes! - before.TCPLossProbes! : null,
        });
      },
    );
  });
}

/** Headers a server writes for itself (the ceiling's own server writes them too). */
const OWN = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * A trivial server answering GET /x with `body` and the app's own response `headers` (the ceiling): the very
 * bytes the app puts on the wire, its 0.6–0.9 kB of security and caching headers included, so that the two
 * differ only in the work each server does.
 */
export async function ceilingServer(): Promise<{
  url: string;
  set(body: Buffer, headers: Record<string, unknown>): void;
  close(): Promise<void>;
}> {
  let body: Buffer = Buffer.alloc(0);
  let headers: [string, string][] = [];
  const app: FastifyInstance = Fastify();
  app.get('/x', (_req, reply) => {
    for (const [k, v] of headers) reply.header(k, v);
    return reply.send(body);
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `${address}/x`,
    set: (b, h) => {
      body = b;
      headers = Object.entries(h)
        .filter(([k, v]) => !OWN.has(k.toLowerCase()) && v !== undefined)
        .map(([k, v]) => [k, String(v)]);
    },
    close: () => app.close(),
  };
}
