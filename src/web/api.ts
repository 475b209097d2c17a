/** The web app's only door to the server: GET/POST JSON under /api/v1 with errors as ApiError. */
import { QueryClient, useQuery } from '@tanstack/react-query';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details?: unknown,
    /** The message code and parameters the web app renders in the user's language (src/web/i18n/errors.ts). */
    readonly code?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

interface ErrorJson {
  error?: { id?: string; message?: string; details?: unknown; code?: string; params?: Record<string, string | number> };
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    if (res.ok) throw new ApiError(res.status, 'internal', 'The server sent a response that is not JSON');
  }
  if (!res.ok) {
    const err = (body as ErrorJson | null)?.error;
    const fallback = res.status === 404 ? 'not_found' : res.status >= 500 ? 'not_available' : 'internal';
    throw new ApiError(
      res.status,
      err?.id ?? fallback,
      err?.message ?? res.statusText,
      err?.details,
      err?.code,
      err?.params,
    );
  }
  return body as T;
}

/** CSRF token for cookie-authenticated writes (set by the sign-in flow; see pages/auth). */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function getJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    credentials: 'same-origin',
    ...init,
    headers: { accept: 'application/json', ...(init.headers ?? {}) },
  });
  return parse<T>(res);
}

export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const send = (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    return fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  };
  let res = await send();
  if (res.status === 403 && res.headers.get('x-csrf-required') === '1') {
    // The page was loaded before the session's token was known (e.g. after a reload): fetch it once and retry.
    const me = await getJson<{ csrfToken: string | null }>('/auth/me').catch(() => null);
    if (me?.csrfToken) {
      csrfToken = me.csrfToken;
      res = await send();
    }
  }
  const out = await parse<T>(res);
  // A write may change anything a cached GET shows: drop them all (they are fetched again when shown).
  void invalidateApi();
  return out;
}

export interface ApiState<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * The app's one cache of server data (TanStack Query): a GET is shared by every component that asks for the same
 * path, kept while it is fresh, revalidated in the background (the server answers 304 from its ETag), and dropped
 * after writes with `invalidateApi(prefix)`.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: false,
      // A 4xx will not go away by asking again; a network blip or 5xx may.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});

/** Forgets cached GETs whose path starts with `prefix` (all when omitted), so they are fetched anew. */
export function invalidateApi(prefix = ''): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'api' && String(q.queryKey[1]).startsWith(prefix),
  });
}

/** Fetches `path` (null = nothing yet) through the shared cache and re-fetches when it changes. */
export function useApi<T>(path: string | null): ApiState<T> {
  const q = useQuery<T, Error>({
    queryKey: ['api', path],
    queryFn: ({ signal }) => getJson<T>(path!, { signal }),
    enabled: path !== null,
  });
  return {
    data: q.data ?? null,
    error: q.error,
    loading: path !== null && q.isPending,
    reload: () => void q.refetch(),
  };
}
