import type { FastifyInstance } from 'fastify';
import { getContentClassification } from '../../../services/classification/get-content-classification.ts';
import { getSpaceDefaultClassification } from '../../../services/classification/get-space-default-classification.ts';
import { listClassificationLevels } from '../../../services/classification/list-classification-levels.ts';
import { removeSpaceDefaultClassification } from '../../../services/classification/remove-space-default-classification.ts';
import { resetContentClassification } from '../../../services/classification/reset-content-classification.ts';
import { setContentClassification } from '../../../services/classification/set-content-classification.ts';
import { setSpaceDefaultClassification } from '../../../services/classification/set-space-default-classification.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { contentClassificationOf, contentClassificationRefusal } from '../classification-input.ts';
import { oneOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2ClassificationLevel } from '../present/classification-level.ts';
import {
  ClassificationQuery,
  ClassificationResetBody,
  ContentClassificationBody,
  SpaceClassificationBody,
} from '../schemas/classification.ts';

/**
 * Data classification on Cloud v2: the site's levels, a space's default level and a page's or blog
 * post's own level (services/classification/, generic by content id). Writes answer 204; a missing
 * right is the spec's 404.
 */
export function v2ClassificationRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/classification-levels', async () =>
      (await listClassificationLevels(deps)).map(presentV2ClassificationLevel),
    );

    const spacePath = '/spaces/:id/classification-level/default';
    app.get(spacePath, { schema: { params: IdParams } }, async (request) =>
      presentV2ClassificationLevel(
        await getSpaceDefaultClassification(deps, request.principal, v2IdOf(request.params.id)),
      ),
    );
    const setDefault = { schema: { params: IdParams, body: SpaceClassificationBody } };
    app.put(spacePath, setDefault, async (request, reply) => {
      const { body } = request;
      await deniedAsMissing(
        setSpaceDefaultClassification(deps, request.principal, v2IdOf(request.params.id), {
          levelId: body.id,
        }),
      );
      return reply.status(204).send();
    });
    app.delete(spacePath, { schema: { params: IdParams } }, async (request, reply) => {
      await deniedAsMissing(
        removeSpaceDefaultClassification(deps, request.principal, v2IdOf(request.params.id)),
      );
      return reply.status(204).send();
    });

    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
      ['whiteboards', 'whiteboard'],
      ['databases', 'database'],
    ] as const) {
      const targetOf = (id: string) => ({ id: v2IdOf(id), types: [type] });
      const path = `/${collection}/:id/classification-level`;

      app.get(path, { schema: { params: IdParams, querystring: ClassificationQuery } }, async (request) =>
        presentV2ClassificationLevel(
          await deniedAsMissing(
            getContentClassification(
              deps,
              request.principal,
              targetOf(request.params.id),
              oneOf(request.query.status) ?? 'current',
            ),
          ),
        ),
      );
      app.put(
        path,
        {
          schema: { params: IdParams, body: ContentClassificationBody },
          schemaErrorFormatter: bodyRefusedAs(contentClassificationRefusal),
        },
        async (request, reply) => {
          const input = contentClassificationOf(request.body);
          await deniedAsMissing(
            setContentClassification(deps, request.principal, targetOf(request.params.id), input),
          );
          return reply.status(204).send();
        },
      );
      const reset = { schema: { params: IdParams, body: ClassificationResetBody } };
      app.post(`${path}/reset`, reset, async (request, reply) => {
        const { body } = request;
        await deniedAsMissing(
          resetContentClassification(deps, request.principal, targetOf(request.params.id), {
            status: body.status,
          }),
        );
        return reply.status(204).send();
      });
    }
  };
}
