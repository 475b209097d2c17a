/**
 * Routing on React Router (history, links, scroll and focus are the library's). The URL holds the page and its
 * state (query parameters), so every view can be shared. Pages read params with useRoute() and change state with
 * setQuery()/navigate(); a typed view of the query comes from useSearch(schema) with a zod schema. Which feature
 * answers a path is decided in App.tsx (features are loaded on first use).
 */
import {
  createContext,
  useContext,
  useMemo,
  type AnchorHTMLAttributes,
  type ComponentType,
  type ReactNode,
} from 'react';
import { BrowserRouter, Link as RouterLink, useLocation, useNavigate, type NavigateFunction } from 'react-router';
import type { z } from 'zod';

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

const ParamsContext = createContext<Record<string, string>>({});

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

/** The router's navigate function, for code outside components (event handlers call navigate()). */
let routerNavigate: NavigateFunction | null = null;
function NavigateBridge() {
  routerNavigate = useNavigate();
  return null;
}

/** `to` with the current ?lang kept unless `to` sets it. */
function withLang(to: string): string {
  const url = new URL(to, window.location.href);
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  return url.pathname + url.search + url.hash;
}

/** Goes to `to` (path and query); keeps ?lang unless `to` sets it. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const next = withLang(to);
  if (routerNavigate) void routerNavigate(next, { replace: !!opts.replace });
  else window.location.assign(next);
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

export function RouterProvider({ children }: { children: ReactNode }) {
  return (
    // View state lives in the URL (a checkbox's state, a chosen area): it must update at once, not in a transition.
    <BrowserRouter useTransitions={false}>
      <NavigateBridge />
      {children}
    </BrowserRouter>
  );
}

export function ParamsProvider({ params, children }: { params: Record<string, string>; children: ReactNode }) {
  return <ParamsContext.Provider value={params}>{children}</ParamsContext.Provider>;
}

export function useRoute(): RouteInfo {
  const loc = useLocation();
  const params = useContext(ParamsContext);
  return useMemo(
    () => ({ path: loc.pathname, query: new URLSearchParams(loc.search), params }),
    [loc.pathname, loc.search, params],
  );
}

/**
 * The page's query parameters, typed and validated by a zod schema (give fields defaults with `.catch()` so a
 * hand-edited URL falls back instead of failing).
 */
export function useSearch<S extends z.ZodType>(schema: S): z.infer<S> {
  const { query } = useRoute();
  return useMemo(() => schema.parse(Object.fromEntries(query)) as z.infer<S>, [schema, query]);
}

/** An <a> that navigates inside the app (keeps ?lang); API links and other sites are plain links. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const lang = useRoute().query.get('lang');
  const url =
    lang && !href.includes('lang=') && href.startsWith('/')
      ? `${href}${href.includes('?') ? '&' : '?'}lang=${lang}`
      : href;
  if (!href.startsWith('/') || href.startsWith('/api/')) return <a href={url} onClick={onClick} {...rest} />;
  return (
    <RouterLink
      to={url}
      onClick={(e) => {
        onClick?.(e);
        if (!e.defaultPrevented) window.scrollTo(0, 0);
      }}
      {...rest}
    />
  );
}
