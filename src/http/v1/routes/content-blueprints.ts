import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { publishBlueprintDraft } from '../../../services/content/publish-blueprint-draft.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { v1PublishDraftOf } from '../content-input.ts';
import { renderContent } from '../present/expanded-content.ts';
import { DraftParams, PublishBody, PublishQuery } from '../schemas/content-blueprints.ts';

// Both specs: what the published page is shown with unless `expand` says otherwise.
const publishedExpansion = 'body.storage,history,space,version,ancestors';

/** `PUT` (shared draft) and `POST` (legacy draft) `/content/blueprint/instance/{draftId}` publish a draft. */
export function v1ContentBlueprintRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const schema = { params: DraftParams, querystring: PublishQuery, body: PublishBody };
    const publish = async (
      request: FastifyRequest & {
        params: Static<typeof DraftParams>;
        query: Static<typeof PublishQuery>;
        body: Static<typeof PublishBody>;
      },
    ) => {
      // `status` names the status of the content to publish: a draft is all there is.
      if (request.query.status !== undefined && request.query.status !== 'draft') {
        throw badRequest(`status must be draft, not '${request.query.status}'`, { field: 'status' });
      }
      const content = await publishBlueprintDraft(
        deps,
        request.principal,
        parseContentId(request.params.draftId, 'draftId'),
        v1PublishDraftOf(request.body ?? {}),
      );
      return renderContent(
        deps,
        request,
        content,
        parseExpansion(request.query.expand ?? publishedExpansion),
      );
    };
    app.put('/content/blueprint/instance/:draftId', { schema }, publish);
    app.post('/content/blueprint/instance/:draftId', { schema }, publish);
  };
}
