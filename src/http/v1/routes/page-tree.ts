import type { FastifyInstance } from 'fastify';
import { parseExpansion } from '../../../domain/expansion.ts';
import { archivePages } from '../../../services/content/archive-pages.ts';
import { copyPage } from '../../../services/content/copy-page.ts';
import { copyPageHierarchy } from '../../../services/content/copy-page-hierarchy.ts';
import { movePage } from '../../../services/content/move-page.ts';
import { trashPageTree } from '../../../services/content/trash-page-tree.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { archiveBodyRefusal, archivePagesOf } from '../archive-input.ts';
import {
  copyHierarchyBodyRefusal,
  copyHierarchyInputOf,
  copyPageBodyRefusal,
  copyPageInputOf,
} from '../copy-input.ts';
import { renderContent } from '../present/expanded-content.ts';
import { presentV1LongTaskSubmission } from '../present/long-task.ts';
import { ExpandQuery } from '../schemas/common.ts';
import {
  ArchiveBody,
  CopyHierarchyBody,
  CopyPageBody,
  IdParams,
  MoveParams,
} from '../schemas/content-tree.ts';

// What a copy answers with when `expand` names nothing (Cloud v1 spec, copyPage).
const defaultCopyExpansion = 'space,history,version';

/** Copying, moving, archiving and trashing pages with what is below them. */
export function v1PageTreeRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.post(
      '/content/:id/copy',
      {
        schema: { params: IdParams, querystring: ExpandQuery, body: CopyPageBody },
        schemaErrorFormatter: bodyRefusedAs(copyPageBodyRefusal),
      },
      async (request) => {
        const input = copyPageInputOf(request.body);
        const copy = await copyPage(deps, request.principal, parseContentId(request.params.id), input);
        const expand = request.query.expand
          ? `${defaultCopyExpansion},${request.query.expand}`
          : defaultCopyExpansion;
        return renderContent(deps, request, copy, parseExpansion(expand));
      },
    );

    app.post(
      '/content/:id/pagehierarchy/copy',
      {
        schema: { params: IdParams, body: CopyHierarchyBody },
        schemaErrorFormatter: bodyRefusedAs(copyHierarchyBodyRefusal),
      },
      async (request, reply) => {
        const { task } = await copyPageHierarchy(
          deps,
          request.principal,
          parseContentId(request.params.id),
          copyHierarchyInputOf(request.body),
        );
        return reply.status(202).send(presentV1LongTaskSubmission(task, request.surface));
      },
    );

    app.put(
      '/content/:pageId/move/:position/:targetId',
      { schema: { params: MoveParams } },
      async (request) => {
        const moved = await movePage(
          deps,
          request.principal,
          parseContentId(request.params.pageId, 'pageId'),
          request.params.position,
          parseContentId(request.params.targetId, 'targetId'),
        );
        return { pageId: String(moved.id) };
      },
    );

    app.delete('/content/:id/pageTree', { schema: { params: IdParams } }, async (request, reply) => {
      const { task } = await trashPageTree(deps, request.principal, parseContentId(request.params.id));
      return reply.status(202).send(presentV1LongTaskSubmission(task, request.surface));
    });

    app.post(
      '/content/archive',
      { schema: { body: ArchiveBody }, schemaErrorFormatter: bodyRefusedAs(archiveBodyRefusal) },
      async (request, reply) => {
        const { task } = await archivePages(deps, request.principal, archivePagesOf(request.body));
        return reply.status(202).send(presentV1LongTaskSubmission(task, request.surface));
      },
    );
  };
}
