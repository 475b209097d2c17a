/**
 * Throughput against a ceiling: each route of the app is loaded at 32 concurrent connections by a load
 * generator in a process of its own, and so is a trivial Fastify server serving the very same bytes, in the
 * same run. The ratio app / ceiling is the figure that means something on a shared machine.
 *
 * The load generator is wrk (C, one thread; Debian's package `wrk`) when it is on the PATH, else autocannon.
 * On two cores the generator's own work per answer competes with the server's: autocannon appends every
 * answer's body to a string, decoding it as UTF-8, which costs more the larger the answer and far more for
 * compressed (binary) bytes (see docs/performance.md), so with autocannon large answers measure the client.
 */
import { execFile, execFileSync } from 'node:child_process';
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
const wrkReport = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

/** The load generator used: `wrk` when it runs here, else autocannon (BENCH_LOAD=autocannon chooses it). */
export const loadGenerator: 'wrk' | 'autocannon' = (() => {
  if (process.env.BENCH_LOAD === 'autocannon') return 'autocannon';
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (e) {
    // `wrk --version` prints its usage and exits with 1: only a missing program means there is none
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'autocannon';
  }
  return 'wrk';
})();

function run(args: string[], file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

async function wrk(url: string, seconds: number, connections: number, headers: Record<string, string>) {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const out = await run(
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', wrkReport, ...headerArgs, url],
    'wrk',
  );
  const r = JSON.parse(out.trim().split('\n').pop()!) as {
    requests: number;
    durationUs: number;
    p50Us: number;
    p99Us: number;
    connect: number;
    read: number;
    write: number;
    status: number;
    timeout: number;
  };
  return {
    rps: r.requests / (r.durationUs / 1e6),
    p50: r.p50Us / 1000,
    p99: r.p99Us / 1000,
    errors: r.connect + r.read + r.write,
    timeouts: r.timeout,
    non2xx: r.status,
    total: r.requests,
  };
}

async function autocannon(url: string, seconds: number, connections: number, headers: Record<string, string>) {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const out = await run(
    [autocannonBin, '-c', String(connections), '-d', String(seconds), '-t', '10', ...headerArgs, '-j', url],
    process.execPath,
  );
  const r = JSON.parse(out) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/** Loads `url` for `seconds` at `connections` concurrent connections; `headers` as a browser would send them. */
export async function load(
  url: string,
  seconds: number,
  connections = 32,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const before = tcpExt();
  const r = await (loadGenerator === 'wrk' ? wrk : autocannon)(url, seconds, connections, headers);
  const after = tcpExt();
  return {
    ...r,
    lossProbes: before && after && 'TCPLossProbes' in after ? after.TCPLossProbes! - before.TCPLossProbes! : null,
  };
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
