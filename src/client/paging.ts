/**
 * Walks the two pagination styles (api-reference.md §0.5) item by item. v1/DC: `_links.next` is relative
 * to `_links.base` (offset `start` on DC, a `cursor` on Cloud searches). v2: `_links.next` (or the `Link`
 * header) is relative to the origin and carries an opaque cursor. Links are always followed on the
 * client's own origin, so credentials never go where a misconfigured base URL points.
 */
import { isJsonObject, jsonObject } from './attachment.ts';
import { UnexpectedResponseError } from './errors.ts';
import type { HttpClient, Query } from './http.ts';

export interface PagingOptions {
  query?: Query;
  signal?: AbortSignal;
}

const onOrigin = (http: HttpClient, link: string, basePath: string): URL => {
  const site = new URL(http.siteUrl);
  if (/^https?:\/\//i.test(link)) {
    const absolute = new URL(link);
    return new URL(absolute.pathname + absolute.search, site.origin);
  }
  return new URL(basePath + link, site.origin);
};

async function pageAt(http: HttpClient, target: URL, signal: AbortSignal | undefined) {
  const response = await http.send('GET', target, { signal });
  const body = await response.json();
  if (!isJsonObject(body) || !Array.isArray(body.results)) {
    throw new UnexpectedResponseError(`GET ${http.pathOf(target)}`, 'no results array');
  }
  return { body, results: body.results as unknown[], link: response.header('link') };
}

/**
 * Every item of a v1 collection. `contextPath` is where relative `next` links are rooted when the answer
 * has no `_links.base` (`/wiki` on Cloud-shaped servers, '' on Data Center), under the site URL.
 */
export async function* v1Items(
  http: HttpClient,
  path: string,
  contextPath: string,
  options: PagingOptions = {},
): AsyncGenerator<unknown> {
  let target = http.resolve(path, options.query);
  const fallbackBase = new URL(http.siteUrl).pathname.replace(/\/$/, '') + contextPath;
  const seen = new Set<string>();
  for (;;) {
    seen.add(target.toString());
    const { body, results } = await pageAt(http, target, options.signal);
    yield* results;
    const links = jsonObject(body._links);
    const next = typeof links.next === 'string' ? links.next : undefined;
    if (next === undefined || results.length === 0) return;
    const basePath =
      typeof links.base === 'string' ? new URL(links.base).pathname.replace(/\/$/, '') : fallbackBase;
    target = onOrigin(http, next, basePath);
    // A server that links a page to itself would otherwise be walked forever.
    if (seen.has(target.toString())) return;
  }
}

const linkNext = (header: string | undefined) => /<([^>]+)>\s*;\s*rel="?next"?/.exec(header ?? '')?.[1];

/** Every item of a v2 collection, following cursors until no `next` is given. */
export async function* v2Items(
  http: HttpClient,
  path: string,
  options: PagingOptions = {},
): AsyncGenerator<unknown> {
  let target = http.resolve(path, options.query);
  const seen = new Set<string>();
  for (;;) {
    seen.add(target.toString());
    const { body, results, link } = await pageAt(http, target, options.signal);
    yield* results;
    const links = jsonObject(body._links);
    const next = typeof links.next === 'string' ? links.next : linkNext(link);
    if (next === undefined || results.length === 0) return;
    target = onOrigin(http, next, '');
    if (seen.has(target.toString())) return;
  }
}
