import type { FastifyRequest } from 'fastify';
import { methodAsked } from '../common/head-as-get.ts';
import { mounts } from '../common/surface.ts';
import { cloudOperationNotice } from '../profiles/operation-notices.ts';
import { dcOnlyPaths } from './dc-only-paths.ts';
import type { JournalWarning } from './request-journal.ts';

/**
 * The warnings a request earns by itself, from what it sent and where (docs/profiles.md cites the source
 * of each). The next-link and Retry-After warnings need the requests around it: the journal's hooks give
 * those. Where the client sent a request is read from the path it used (`request.originalUrl`, `request.surface`),
 * never from the router's pattern, which may be one prefix's for several.
 */
export function warningsOf(request: FastifyRequest, path: string, contextPath: string): JournalWarning[] {
  const warnings: JournalWarning[] = [];
  // The path under the context path, and under `/wiki` when the client used it.
  const sitePath = path.startsWith(contextPath) ? path.slice(contextPath.length) : path;
  const onWiki = sitePath === '/wiki' || sitePath.startsWith('/wiki/');
  const underWiki = onWiki ? sitePath.slice('/wiki'.length) : sitePath;

  if (onWiki) {
    const notice = cloudNoticeOf(request, contextPath);
    if (notice) warnings.push(notice);
    if (isDataCenterOnly(underWiki)) {
      warnings.push({
        code: 'dc_only_path_on_wiki',
        message: `${methodAsked(request)} ${path} is a Data Center path (Confluence DC 10 REST API) that Confluence Cloud's v1 API does not have: Cloud answers 404. A client for Data Center must not add /wiki to the base URL; on Cloud, use the Cloud v1 or v2 operation instead.`,
      });
    }
    if (servletPath.test(underWiki) && request.headers.authorization !== undefined) {
      warnings.push({
        code: 'servlet_download_with_token',
        message:
          'Confluence Cloud refuses API tokens (an Authorization header) on the download servlet since 2026 and answers 401 (changelog CHANGE-2735, CHANGE-3007): download with GET /wiki/rest/api/content/{id}/child/attachment/{attachmentId}/download, which redirects to the bytes.',
      });
    }
  } else if (request.method === 'PUT' && putUploadPath.test(underWiki)) {
    warnings.push({
      code: 'put_upload',
      message:
        'Data Center answers 405 to PUT …/child/attachment (its REST API has only GET and POST there); Cloud alone takes it. Upload a new file with POST …/child/attachment, and a new version of an existing one with POST …/child/attachment/{attachmentId}/data.',
    });
  }

  const token = request.headers['x-atlassian-token'];
  if (typeof token === 'string' && token.trim().toLowerCase() === 'nocheck') {
    warnings.push({
      code: 'nocheck_header',
      message:
        'X-Atlassian-Token: nocheck is the old spelling, which Atlassian\'s REST filter logs as "deprecated since rest 3.0.0, please use no-check": send X-Atlassian-Token: no-check.',
    });
  }
  return warnings;
}

const servletPath = /^\/download\/(?:attachments|thumbnails)\//;
const putUploadPath = /^\/rest\/api\/content\/[^/]+\/child\/attachment\/?$/;

/** Mounts and paths that only Data Center (and its plugins) have, outside `/rest/api`. */
const dataCenterOnlyMounts = [mounts.dcExperimental, mounts.extender];
const removeAttachmentAction = '/json/removeattachment.action';
const dcOnlyPathPattern = new RegExp(
  `^(?:${dcOnlyPaths.map((template) => template.replace(/\./g, '\\.').replace(/\{\}/g, '[^/]+')).join('|')})/?$`,
);

function isDataCenterOnly(path: string): boolean {
  if (path === removeAttachmentAction) return true;
  if (dataCenterOnlyMounts.some((mount) => path === mount || path.startsWith(`${mount}/`))) return true;
  return path.startsWith(`${mounts.dcV1}/`) && dcOnlyPathPattern.test(path);
}

/**
 * Cloud's verdict on the v1 operation the route answers. The router's pattern may carry either prefix for a
 * route answered under both, so it is rebuilt under `/wiki`, where the client sent it.
 */
function cloudNoticeOf(request: FastifyRequest, contextPath: string): JournalWarning | undefined {
  const pattern = request.routeOptions.url;
  if (pattern === undefined || request.surface.api !== 'v1') return undefined;
  const template = (pattern.startsWith(contextPath) ? pattern.slice(contextPath.length) : pattern).replace(
    /^\/wiki(?=\/)/,
    '',
  );
  if (!template.startsWith(`${mounts.dcV1}/`) && template !== mounts.dcV1) return undefined;
  const notice = cloudOperationNotice(request.method, `${contextPath}/wiki${template}`, contextPath);
  if (!notice) return undefined;
  const instead = notice.replacement
    ? ` Call ${notice.replacement.operation} instead (${notice.replacement.notice}).`
    : '';
  return notice.kind === 'removed'
    ? {
        code: 'cloud_v1_removed',
        message: `${notice.operation} has been removed from Confluence Cloud, which answers 410 Gone.${instead}`,
      }
    : {
        code: 'cloud_v1_deprecated',
        message: `${notice.operation} is deprecated in Confluence Cloud's v1 API and will be removed.${instead}`,
      };
}
