import { API_ROUTES } from '../lib/api/openapi';
import { problem } from './problem';

/** Methods the Fetch standard forbids in a Request: Node parses them, but Astro cannot build its Request from them. */
const UNFETCHABLE = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Pages answer reads and their forms' posts (`?_action=`). */
const SITE_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];
const ACTION_METHODS = ['POST', 'OPTIONS'];

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

interface ApiPath {
  pattern: RegExp;
  staticSegments: number;
  methods: string[];
}

function apiPaths(routes: readonly { method: string; path: string }[]): ApiPath[] {
  const byPath = new Map<string, Set<string>>();
  for (const r of routes) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method.toUpperCase()));
  return [...byPath].map(([path, methods]) => {
    const segments = path.split('/').filter(Boolean);
    const source = segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return { pattern: new RegExp(`^/api/v1/${source}/?$`), staticSegments: segments.filter((s) => !s.startsWith('{')).length, methods: METHOD_ORDER.filter((m) => methods.has(m)) };
  });
}

const API_PATHS = apiPaths([...API_ROUTES, { method: 'get', path: '/openapi.json' }]);

function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * The methods a path answers (its `Allow` header): an API route's documented operations (the OpenAPI route lists),
 * POST for actions, reads and form posts for pages. Null for a path under /api that is no route (404 whatever the method).
 */
export function allowedMethods(pathname: string): string[] | null {
  if (isApi(pathname)) {
    // Astro prefers the route with more fixed segments (`/moderation/queue` over `/questions/{id}`); so does this.
    const matches = API_PATHS.filter((p) => p.pattern.test(pathname)).sort((a, b) => b.staticSegments - a.staticSegments);
    return matches[0]?.methods ?? null;
  }
  return pathname.startsWith('/_actions/') ? ACTION_METHODS : SITE_METHODS;
}

/**
 * The answer to a method the path does not take: 405 with `Allow` (problem+json under /api), or 204 with `Allow` to
 * OPTIONS. Null when the method is allowed, or when the API path does not exist (the API's 404 answers it).
 */
export function refuseMethod(method: string, pathname: string): Response | null {
  const allowed = allowedMethods(pathname);
  if (!allowed) return null;
  const allow = allowed.join(', ');
  if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow } });
  if (allowed.includes(method)) return null;
  if (isApi(pathname)) return problem(405, `${pathname} does not take ${method}; it takes ${allow}.`, {}, { allow });
  return new Response(`This address does not take ${method}.\n`, { status: 405, headers: { allow, 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * A request target (path and query) with malformed percent-encoding (`%ZZ`, `%E0%A4%A`, `%C0%AF`), made readable by
 * escaping every `%`; null when it is well formed. Astro would log an error for each such request and route the raw
 * path; the server hands it the repaired target and tells the middleware, which answers 400.
 */
export function repairedTarget(target: string): string | null {
  return decodedTarget(target) === null ? target.replaceAll('%', '%25') : null;
}

// The decoded value is returned (not just tried): a bundler drops a call whose result goes unused, throw or not.
function decodedTarget(target: string): string | null {
  try {
    return decodeURI(target);
  } catch {
    return null;
  }
}

/** For the server, before Astro: CONNECT, TRACE and TRACK get their 405 (or the API's 404) without entering Astro. */
export function refuseUnfetchableMethod(method: string, url: string): Response | null {
  if (!UNFETCHABLE.has(method.toUpperCase())) return null;
  let pathname = '/';
  try {
    pathname = new URL(url, 'http://localhost').pathname;
  } catch {
    // a target that is no URL at all (CONNECT host:port) answers as the site's root would
  }
  return refuseMethod(method.toUpperCase(), pathname) ?? problem(404, `No API route ${pathname}.`);
}
