/**
 * A small router over the History API. The URL holds the page and its state (query parameters), so every
 * view can be shared. Pages read params with useRoute() and change state with setQuery()/navigate().
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  type ComponentType,
  type ReactNode,
  type MouseEvent,
  type AnchorHTMLAttributes,
} from 'react';

export interface RouteInfo {
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
}

export interface PageRoute {
  /** e.g. '/omraden/:division/:code' */
  pattern: string;
  component: ComponentType;
  /** The main-menu entry this page belongs to (highlights it). */
  nav?: string;
}

interface RouterState {
  path: string;
  search: string;
  params: Record<string, string>;
}

const RouterContext = createContext<RouterState>({ path: '/', search: '', params: {} });

export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(s[i]!);
    else if (seg !== s[i]) return null;
  }
  return params;
}

const listeners = new Set<() => void>();
function notify(): void {
  for (const l of listeners) l();
}

/** Goes to `to` (path and query); keeps ?lang unless `to` sets it. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  const next = url.pathname + url.search + url.hash;
  if (opts.replace) window.history.replaceState(null, '', next);
  else window.history.pushState(null, '', next);
  notify();
  if (!opts.replace) window.scrollTo(0, 0);
}

/** Updates query parameters of the current page (null removes one), replacing the history entry. */
export function setQuery(changes: Record<string, string | null | undefined>, opts: { push?: boolean } = {}): void {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  navigate(url.pathname + url.search, { replace: !opts.push });
}

export function RouterProvider({ children, params }: { children: ReactNode; params?: Record<string, string> }) {
  const [loc, setLoc] = useState(() => ({ path: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const update = (): void => setLoc({ path: window.location.pathname, search: window.location.search });
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return <RouterContext.Provider value={{ ...loc, params: params ?? {} }}>{children}</RouterContext.Provider>;
}

export function ParamsProvider({ params, children }: { params: Record<string, string>; children: ReactNode }) {
  const outer = useContext(RouterContext);
  return <RouterContext.Provider value={{ ...outer, params }}>{children}</RouterContext.Provider>;
}

export function useRoute(): RouteInfo {
  const s = useContext(RouterContext);
  return { path: s.path, query: new URLSearchParams(s.search), params: s.params };
}

/** An <a> that navigates inside the app (keeps ?lang). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const lang = useRoute().query.get('lang');
  const url =
    lang && !href.includes('lang=') && href.startsWith('/')
      ? `${href}${href.includes('?') ? '&' : '?'}lang=${lang}`
      : href;
  const handle = useCallback(
    (e: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(e);
      if (
        e.defaultPrevented ||
        e.button !== 0 ||
        e.metaKey ||
        e.ctrlKey ||
        e.shiftKey ||
        e.altKey ||
        !href.startsWith('/') ||
        href.startsWith('/api/')
      )
        return;
      e.preventDefault();
      navigate(url);
    },
    [href, url, onClick],
  );
  return <a href={url} onClick={handle} {...rest} />;
}
