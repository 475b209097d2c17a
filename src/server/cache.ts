/**
 * Compute once per change, serve many times. Derived read routes (profiles, comparisons, indicator maps, goal
 * statuses, budget views, segregation, need index, allocation scenarios, participatory-budget results, the
 * interventions list) are cached in memory under the data versions they depend on (src/db/data-version.ts),
 * the requester's visibility (public or staff, who see drafts), the Stockholm day and the URL. Their ETag is
 * made of the same parts, so a revalidation (If-None-Match) is answered 304 without touching the database.
 *
 * Several processes on one PostgreSQL: each reads the counters at most every `checkIntervalMs` (one tiny
 * query), so another process's edit shows within that interval; this process's own writes (any write through
 * `deps.db`, and every non-GET request) make the next read check at once.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database.ts';
import { readDataVersions, type DataDomain, type DataVersions } from '../db/data-version.ts';
import { canReadDrafts, sessionToken } from './auth.ts';
import { CACHED_ROUTES } from './cached-routes.ts';

export interface CacheOptions {
  /** Off: every request computes (the ETag falls back to a hash of the body). */
  enabled?: boolean;
  /** How long a read of the data version counters is trusted when this process has not written. */
  checkIntervalMs?: number;
  /** Bytes of cached responses kept (least recently used dropped first). */
  maxBytes?: number;
}

const WATCHERS = Symbol.for('fardplan.writeWatchers');
type Watched = Database & { [WATCHERS]?: Set<() => void> };

/** Calls `onWrite` after every statement through `db` that may write (and after every transaction). */
export function watchWrites(db: Database, onWrite: () => void): () => void {
  const w = db as Watched;
  if (!w[WATCHERS]) {
    const watchers = new Set<() => void>();
    w[WATCHERS] = watchers;
    const notify = (): void => watchers.forEach((f) => f());
    const { query, exec, transaction } = db;
    const isRead = (sql: string): boolean => /^\s*(select|show|explain)\b/i.test(sql);
    Object.assign(db, {
      async query(sql: string, params?: readonly unknown[]) {
        try {
          return await query.call(db, sql, params);
        } finally {
          if (!isRead(sql)) notify();
        }
      },
      async exec(sql: string) {
        try {
          await exec.call(db, sql);
        } finally {
          notify();
        }
      },
      async transaction<T>(fn: Parameters<Database['transaction']>[0]) {
        try {
          return (await transaction.call(db, fn)) as T;
        } finally {
          notify();
        }
      },
    });
  }
  w[WATCHERS].add(onWrite);
  return () => w[WATCHERS]?.delete(onWrite);
}

/** The data version counters as this process last read them; re-read when stale. */
export class VersionTracker {
  private versions: DataVersions | null = null;
  private checkedAt = 0;
  private generation = 0;
  private seenGeneration = -1;
  private pending: { generation: number; promise: Promise<DataVersions> } | null = null;
  /** How many times the counters were read from the database (for tests and the benchmark). */
  reads = 0;

  constructor(
    private readonly db: Database,
    private readonly intervalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Something was written: the next `current()` reads the counters again. */
  markStale(): void {
    this.generation++;
  }

  async current(): Promise<DataVersions> {
    const now = this.clock();
    if (this.versions && this.seenGeneration === this.generation && now - this.checkedAt < this.intervalMs)
      return this.versions;
    if (this.pending && this.pending.generation === this.generation) return this.pending.promise;
    const generation = this.generation;
    const promise = (async () => {
      this.reads++;
      const v = await readDataVersions(this.db);
      // A write noticed while the read was under way may not be in it: then keep the next read due.
      if (this.generation === generation) {
        this.versions = v;
        this.checkedAt = now;
        this.seenGeneration = generation;
      }
      return v;
    })().finally(() => {
      if (this.pending?.promise === promise) this.pending = null;
    });
    this.pending = { generation, promise };
    return promise;
  }
}

interface Entry {
  type: string;
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

interface Pending {
  key: string;
  etag: string;
}

const PENDING = Symbol('fardplan.cachePending');
type Req = FastifyRequest & { [PENDING]?: Pending };

const stockholmDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/**
 * The Stockholm date of an instant, formatted once a minute: formatting costs more than the rest of a cache
 * hit's key, and Stockholm's days begin on a whole minute (its offsets are whole hours).
 */
function stockholmDayEachMinute(): (at: Date) => string {
  let minute = NaN;
  let day = '';
  return (at) => {
    const m = Math.floor(at.getTime() / 60_000);
    if (m !== minute) {
      minute = m;
      day = stockholmDay.format(at);
    }
    return day;
  };
}

/** A coding in `Accept-Encoding`, with its quality (group 1) if given. */
const coding = (name: string): RegExp => new RegExp(`(?:^|,)\\s*${name}\\s*(?:;\\s*q=([0-9.]+))?\\s*(?:,|$)`, 'i');
const CODINGS = { br: coding('br'), gzip: coding('gzip') };

function chooseEncoding(request: FastifyRequest): 'br' | 'gzip' | null {
  const accept = request.headers['accept-encoding'];
  if (!accept) return null;
  const q = (name: keyof typeof CODINGS): number => {
    const m = CODINGS[name].exec(String(accept));
    return m ? (m[1] === undefined ? 1 : Number(m[1])) : 0;
  };
  if (q('br') > 0) return 'br';
  if (q('gzip') > 0) return 'gzip';
  return null;
}

function compressEntry(type: string, body: Buffer): Entry {
  if (body.length < 1024) return { type, identity: body, br: null, gzip: null };
  return {
    type,
    identity: body,
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }),
    gzip: gzipSync(body, { level: 6 }),
  };
}

function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry): Buffer {
  reply.header('content-type', entry.type);
  reply.header('vary', 'Accept-Encoding, Cookie');
  const encoding = chooseEncoding(request);
  const body = encoding ? entry[encoding] : null;
  if (encoding && body) {
    reply.header('content-encoding', encoding);
    return body;
  }
  return entry.identity;
}

async function visibility(request: FastifyRequest): Promise<'public' | 'staff'> {
  if (!sessionToken(request) && !request.server.deps.devWrites) return 'public';
  return (await canReadDrafts(request)) ? 'staff' : 'public';
}

function domainsOf(request: FastifyRequest): readonly DataDomain[] | undefined {
  if (request.method !== 'GET') return undefined;
  return CACHED_ROUTES[request.routeOptions.url ?? ''];
}

/**
 * Registers the response cache (call before the routes and before @fastify/compress, so that its onSend sees
 * the body uncompressed). Returns the tracker (tests and the benchmark read its counters).
 */
export function registerResponseCache(app: FastifyInstance, options: CacheOptions = {}): VersionTracker | null {
  if (options.enabled === false) return null;
  const tracker = new VersionTracker(app.deps.db, options.checkIntervalMs ?? 500);
  const unwatch = watchWrites(app.deps.db, () => tracker.markStale());
  app.addHook('onClose', async () => unwatch());
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 128 * 1024 * 1024,
    sizeCalculation: (e) => e.identity.length + (e.br?.length ?? 0) + (e.gzip?.length ?? 0) + 200,
  });
  app.decorate('responseCache', { tracker, entries });
  const dayOf = stockholmDayEachMinute();
  // the ETag's digest of a scope (visibility, day, URL), remembered: the same few URLs are asked again and again
  const digests = new Map<string, string>();
  const digestOf = (scope: string): string => {
    let d = digests.get(scope);
    if (d === undefined) {
      if (digests.size >= 10_000) digests.clear();
      d = createHash('sha1').update(scope).digest('base64url').slice(0, 16);
      digests.set(scope, d);
    }
    return d;
  };

  // onRequest (after the cookie and session hooks): a hit skips validation and the handler altogether.
  app.addHook('onRequest', async (request: Req, reply) => {
    const domains = domainsOf(request);
    if (!domains) return;
    const versions = await tracker.current();
    const who = await visibility(request);
    const day = dayOf(app.deps.now());
    const scope = `${who}|${day}|${request.url}`;
    const stamp = domains.map((d) => `${d[0]}${versions[d]}`).join('.') + `.o${versions.other}`;
    const digest = digestOf(scope);
    const etag = `W/"${stamp}-${digest}"`;
    reply.header('etag', etag);
    reply.header('cache-control', 'no-cache');
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag)) {
      reply.header('x-cache', 'hit');
      return reply.code(304).send();
    }
    const key = `${stamp}|${scope}`;
    const entry = entries.get(key);
    if (entry) {
      reply.header('x-cache', 'hit');
      return reply.code(200).send(sendEntry(request, reply, entry));
    }
    reply.header('x-cache', 'miss');
    request[PENDING] = { key, etag };
    return undefined;
  });

  app.addHook('onSend', async (request: Req, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      tracker.markStale();
      return payload;
    }
    const pending = request[PENDING];
    if (!pending) return payload;
    request[PENDING] = undefined;
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      reply.removeHeader('etag');
      return payload;
    }
    const type = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    const entry = compressEntry(type, Buffer.isBuffer(payload) ? payload : Buffer.from(payload));
    entries.set(pending.key, entry);
    return sendEntry(request, reply, entry);
  });
  return tracker;
}

declare module 'fastify' {
  interface FastifyInstance {
    responseCache?: { tracker: VersionTracker; entries: LRUCache<string, Entry> };
  }
}
