import type { FastifyInstance } from 'fastify';
import type { Content, ContentType } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { mergeExpansions, parseExpansion } from '../../../domain/expansion.ts';
import { recordContentView } from '../../../services/analytics/flush-content-views.ts';
import { createContent } from '../../../services/content/create-content.ts';
import { deleteContent } from '../../../services/content/delete-content.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { listContent } from '../../../services/content/list-content.ts';
import { updateContent } from '../../../services/content/update-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { answerInTurns } from '../../common/rendered-later.ts';
import { typed } from '../../common/schemas.ts';
import {
  attachmentChangesOf,
  optionalWholeNumber,
  statusesOf,
  v1ContentCreateOf,
  v1ContentUpdateOf,
} from '../content-input.ts';
import { expansionAsked } from '../default-expansion.ts';
import { windowOf } from '../paging.ts';
import { renderContent, renderContentPage, renderHistory } from '../present/expanded-content.ts';
import { ExpandQuery } from '../schemas/common.ts';
import {
  ContentBody,
  ContentDeleteQuery,
  ContentGetQuery,
  ContentIdParams,
  ContentListQuery,
  ContentUpdateQuery,
} from '../schemas/content.ts';

const listRules = { defaultLimit: 25, maxLimit: 200 };
const listableTypes: readonly ContentType[] = ['page', 'blogpost', 'comment', 'attachment'];
// What `GET /content/{id}` expands when the caller names nothing (api-reference.md §1.8).
const defaultSingleExpansion = 'history,space,version';

/** A write answers with the body as it was given: storage, or the ADF that publishers send (clients.md). */
const storedBodyOf = (content: Content) => `body.${content.version.body?.representation ?? 'storage'}`;

export function v1ContentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/content', { schema: { querystring: ContentListQuery } }, async (request) => {
      const query = request.query;
      const type = listableTypes.find((candidate) => candidate === (query.type ?? 'page'));
      if (!type) throw badRequest(`Unknown content type: ${query.type}`);
      const window = windowOf(query, listRules);
      const statuses = statusesOf(query.status, ['current']);
      const slice = await listContent(
        deps,
        request.principal,
        {
          types: [type],
          statuses: statuses === 'any' ? [] : statuses,
          // `spaceKey` may repeat (normaliseV1Query keeps every value).
          spaceKeys: [query.spaceKey ?? []].flat(),
          title: query.title,
          postingDay: query.postingDay,
        },
        window,
      );
      const tree = parseExpansion(query.expand);
      return renderContentPage(deps, request, slice, window, tree);
    });

    const createSchema = { querystring: ExpandQuery, body: ContentBody };
    app.post('/content', { schema: createSchema }, async (request) => {
      const body = request.body ?? {};
      const content = await createContent(deps, request.principal, v1ContentCreateOf(body));
      const asked = expansionAsked(request, defaultSingleExpansion);
      const tree = body.body ? mergeExpansions(asked, parseExpansion(storedBodyOf(content))) : asked;
      const rendered = await renderContent(deps, request, content, tree);
      return rendered;
    });

    app.get(
      '/content/:id',
      { schema: { params: ContentIdParams, querystring: ContentGetQuery } },
      async (request, reply) => {
        const id = parseContentId(request.params.id);
        const statuses = statusesOf(request.query.status, ['current']);
        const versionNumber = optionalWholeNumber(request.query.version, 'version');
        const content = await getContent(deps, request.principal, id, {
          // Asking for `historical` means "an old version of current content".
          statuses:
            statuses === 'any'
              ? 'any'
              : statuses.includes('historical')
                ? [...statuses, 'current']
                : statuses,
          versionNumber,
        });
        // A read of the page itself is a view (Cloud's analytics); an old version is not.
        if (versionNumber === undefined) recordContentView(deps, request.principal, content);
        const rendered = await renderContent(
          deps,
          request,
          content,
          expansionAsked(request, defaultSingleExpansion),
        );
        // `expand=ancestors` of a page thousands of levels deep.
        return answerInTurns(reply, rendered);
      },
    );

    app.put(
      '/content/:id',
      { schema: { params: ContentIdParams, querystring: ContentUpdateQuery, body: ContentBody } },
      async (request) => {
        const id = parseContentId(request.params.id);
        const body = request.body ?? {};
        const content = await updateContent(deps, request.principal, id, {
          ...v1ContentUpdateOf(body, request.query.status),
          attachment: () => attachmentChangesOf(body),
        });
        const rendered = await renderContent(
          deps,
          request,
          content,
          parseExpansion(`${defaultSingleExpansion},${storedBodyOf(content)}`),
        );
        return rendered;
      },
    );

    const deleteSchema = { params: ContentIdParams, querystring: ContentDeleteQuery };
    app.delete('/content/:id', { schema: deleteSchema }, async (request, reply) => {
      const id = parseContentId(request.params.id);
      await deleteContent(deps, request.principal, id, { purge: request.query.status === 'trashed' });
      return reply.status(204).send();
    });

    const historySchema = { params: ContentIdParams, querystring: ExpandQuery };
    app.get('/content/:id/history', { schema: historySchema }, async (request) => {
      const content = await getContent(deps, request.principal, parseContentId(request.params.id), {
        statuses: ['current', 'draft', 'trashed'],
      });
      return renderHistory(deps, request, content, expansionAsked(request));
    });
  };
}
