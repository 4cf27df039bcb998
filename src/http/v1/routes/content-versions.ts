import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Content, ContentVersion } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { getVersion, listVersions } from '../../../services/content/content-versions.ts';
import { deleteVersion } from '../../../services/content/delete-version.ts';
import { emptyRelations, loadUsers } from '../../../services/content/load-relations.ts';
import { restoreVersion } from '../../../services/content/restore-version.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Version } from '../present/content.ts';
import { renderContent } from '../present/expanded-content.ts';
import { ExpandQuery } from '../schemas/common.ts';
import { IdParams, VersionListQuery, VersionParams, VersionRestoreBody } from '../schemas/content-tree.ts';

// Confluence lists up to 200 versions a page by default (api-reference.md §1.8).
const versionRules = { defaultLimit: 200, maxLimit: 1000 };

const versionNumberOf = (raw: string) => {
  if (!/^\d+$/.test(raw)) throw badRequest(`versionNumber must be a whole number, not '${raw}'`);
  return Number(raw);
};

/**
 * `/content/{id}/version[...]`; also mounted under `/rest/experimental`, where Server/DC clients look
 * for attachment versions (clients.md).
 */
export function v1ContentVersionRoutes(deps: ServiceDeps) {
  /**
   * A presenter for versions of `content`, with their authors loaded. The Cloud spec: "By default, the
   * `content` object is expanded"; `collaborators` when asked.
   */
  const presenterFor = async (
    request: FastifyRequest & { query: { expand?: string | undefined } },
    content: Content,
    versions: ContentVersion[],
  ) => {
    const relations = await loadUsers(
      deps,
      versions.map((version) => version.authorId),
      emptyRelations(),
    );
    const view = { surface: request.surface, relations, nowMs: deps.clock.nowMs() };
    const asked = parseExpansion(request.query.expand ?? 'content');
    const expanded = {
      content: asked.has('content')
        ? await renderContent(deps, request, content, parseExpansion(''))
        : undefined,
      collaborators: asked.has('collaborators'),
    };
    return (version: ContentVersion) => presentV1Version(content, version, view, expanded);
  };

  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/content/:id/version',
      { schema: { params: IdParams, querystring: VersionListQuery } },
      async (request) => {
        const window = windowOf(request.query, versionRules);
        const { content, versions } = await listVersions(
          deps,
          request.principal,
          parseContentId(request.params.id),
          window,
        );
        return pageOf(request, versions, window, await presenterFor(request, content, versions.items));
      },
    );

    app.get(
      '/content/:id/version/:versionNumber',
      { schema: { params: VersionParams, querystring: ExpandQuery } },
      async (request) => {
        const { content, version } = await getVersion(
          deps,
          request.principal,
          parseContentId(request.params.id),
          versionNumberOf(request.params.versionNumber),
        );
        return (await presenterFor(request, content, [version]))(version);
      },
    );

    app.post(
      '/content/:id/version',
      { schema: { params: IdParams, querystring: ExpandQuery, body: VersionRestoreBody } },
      async (request) => {
        if (request.body?.operationKey !== 'restore') throw badRequest('operationKey must be restore');
        const params = request.body.params;
        const content = await restoreVersion(deps, request.principal, parseContentId(request.params.id), {
          versionNumber: params?.versionNumber,
          message: params?.message ?? undefined,
          restoreTitle: params?.restoreTitle === true,
        });
        return (await presenterFor(request, content, [content.version]))(content.version);
      },
    );

    app.delete(
      '/content/:id/version/:versionNumber',
      { schema: { params: VersionParams, querystring: ExpandQuery } },
      async (request, reply) => {
        await deleteVersion(
          deps,
          request.principal,
          parseContentId(request.params.id),
          versionNumberOf(request.params.versionNumber),
        );
        return reply.status(204).send();
      },
    );
  };
}
