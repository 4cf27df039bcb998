/**
 * Which API a request came in on. Confluence answers the same resources under several prefixes; the
 * prefix decides the error envelope (v1/DC vs v2), the id style (`att123` on Cloud) and `_links`.
 */
export type ApiKind = 'v1' | 'v2' | 'other';

export interface Surface {
  api: ApiKind;
  /** Cloud-shaped paths (under `/wiki`) show Cloud ids and Cloud user fields. */
  cloud: boolean;
  /** `_links.base`: public origin + context path (+ `/wiki` on Cloud paths). */
  base: string;
  /** `_links.context`: context path (+ `/wiki` on Cloud paths). */
  context: string;
}

export const mounts = {
  dcV1: '/rest/api',
  cloudV1: '/wiki/rest/api',
  cloudV2: '/wiki/api/v2',
  // Server/DC clients read and delete versions here (clients.md).
  dcExperimental: '/rest/experimental',
  // For clients configured with a base URL that already ends in /wiki (api-reference.md §0.1).
  bareV2: '/api/v2',
  // The Extender plugin's REST module (api-reference.md §6); a DC plugin, so DC ids and the v1 error shape.
  extender: '/rest/extender/1.0',
} as const;

/**
 * The download servlet's routes (downloads/routes.ts), tested on a route's full url: the servlet is registered
 * under several prefixes (the context path, `/wiki`, and bare copies of both), so no prefix is cut off first.
 */
export const servletRoutePattern = /\/download\/(?:attachments|thumbnails)\//;

export function surfaceOf(url: string, baseUrl: string, contextPath: string): Surface {
  const path = (url.split('?')[0] ?? '').slice(contextPath.length);
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  const cloud = under('/wiki');
  const api: ApiKind =
    under(mounts.cloudV2) || under(mounts.bareV2)
      ? 'v2'
      : under(mounts.cloudV1) || under(mounts.dcV1) || under(mounts.dcExperimental) || under(mounts.extender)
        ? 'v1'
        : 'other';
  const context = contextPath + (cloud ? '/wiki' : '');
  return { api, cloud, base: baseUrl + context, context };
}
