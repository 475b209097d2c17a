/**
 * HTTP for the connectors: JSON over fetch with a request budget per time window, retries with
 * exponential back-off on 429 and 503 (honouring Retry-After), and failures that name the request.
 * The clock and the sleep are injectable so that tests never wait.
 */
import { AppError } from '../../core/errors.ts';

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** First back-off in ms (doubled each retry). */
  backoffMs: number;
  maxRetries: number;
  /** Largest response body accepted, in bytes. */
  maxBytes: number;
}

export function defaultHttpDeps(env: NodeJS.ProcessEnv = process.env): HttpDeps {
  const backoff = Number(env.FARDPLAN_FETCH_BACKOFF_MS ?? 1000);
  return {
    fetch: (input, init) => fetch(input, init),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
    backoffMs: Number.isFinite(backoff) && backoff >= 0 ? backoff : 1000,
    maxRetries: 4,
    maxBytes: 200 * 1024 * 1024,
  };
}

/** A sliding window: at most `maxCalls` requests in any `windowMs`. maxCalls 0 means no limit. */
export class RateLimiter {
  private readonly times: number[] = [];
  constructor(
    private maxCalls: number,
    private windowMs: number,
    private readonly deps: Pick<HttpDeps, 'now' | 'sleep'>,
  ) {}
  configure(maxCalls: number, windowMs: number): void {
    this.maxCalls = maxCalls;
    this.windowMs = windowMs;
  }
  async take(): Promise<void> {
    if (this.maxCalls <= 0 || this.windowMs <= 0) return;
    for (;;) {
      const now = this.deps.now();
      while (this.times.length && now - this.times[0]! >= this.windowMs) this.times.shift();
      if (this.times.length < this.maxCalls) {
        this.times.push(now);
        return;
      }
      await this.deps.sleep(this.windowMs - (now - this.times[0]!));
    }
  }
}

const RETRY = new Set([429, 503]);

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const s = Number(header);
  return Number.isFinite(s) && s >= 0 ? Math.min(s, 120) * 1000 : null;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

export const describeRequest = (r: JsonRequest): string => `${r.method} ${r.url}`;

const failed = (r: JsonRequest, message: string): AppError =>
  new AppError('import_failed', `${describeRequest(r)}: ${message}`, [{ file: describeRequest(r), message }]);

/** Sends a request and returns its parsed JSON body; throws import_failed naming the request when it fails. */
export async function requestJson(r: JsonRequest, limiter: RateLimiter, deps: HttpDeps): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    await limiter.take();
    let res: Response;
    try {
      res = await deps.fetch(r.url, {
        method: r.method,
        headers: {
          accept: 'application/json',
          ...(r.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
    } catch (err) {
      throw failed(r, `no answer (${(err as Error).message})`);
    }
    if (RETRY.has(res.status) && attempt < deps.maxRetries) {
      await res.body?.cancel();
      await deps.sleep(retryAfterMs(res.headers.get('retry-after')) ?? deps.backoffMs * 2 ** attempt);
      continue;
    }
    const text = await res.text();
    if (text.length > deps.maxBytes) throw failed(r, `the answer is larger than ${deps.maxBytes} bytes`);
    if (!res.ok) {
      const tries = RETRY.has(res.status) ? ` after ${attempt + 1} attempts` : '';
      throw failed(r, `HTTP ${res.status}${tries}${text ? `: ${text.slice(0, 200)}` : ''}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw failed(r, 'the answer is not valid JSON');
    }
  }
}

/** Validates a response body with a zod-like schema; a mismatch is import_failed naming the request and field. */
export function expectShape<T>(
  r: JsonRequest,
  body: unknown,
  schema: {
    safeParse(
      x: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
): T {
  const p = schema.safeParse(body);
  if (p.success) return p.data;
  const issues = p.error.issues.slice(0, 10);
  throw new AppError(
    'import_failed',
    `${describeRequest(r)}: the answer does not have the documented shape (${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')})`,
    issues.map((i) => ({ file: describeRequest(r), field: i.path.join('.') || '(root)', message: i.message })),
  );
}

/** A client of one API: its requests paced by one limiter (calls per window), counted for the import's summary. */
export class PacedClient {
  protected readonly limiter: RateLimiter;
  requests = 0;
  constructor(
    readonly base: string,
    protected readonly http: HttpDeps,
    calls: number,
    windowMs: number,
  ) {
    this.limiter = new RateLimiter(calls, windowMs, http);
  }
  protected async send(r: JsonRequest): Promise<unknown> {
    this.requests++;
    return requestJson(r, this.limiter, this.http);
  }
}
