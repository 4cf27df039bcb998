import type { FastifyInstance } from 'fastify';
import { badRequest, DomainError } from '../../../domain/errors.ts';
import { findBodyConversion, startBodyConversion } from '../../../services/content/convert-body-async.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { bulkConvertBodyRefusal, convertBodyRefusal } from '../body-conversion-input.ts';
import { presentV1AsyncBody, presentV1FailedConversion } from '../present/content-body.ts';
import {
  BulkConvertBody,
  ContextQuery,
  ConversionIdsQuery,
  ConversionParams,
  ConvertBody,
  ConvertParams,
} from '../schemas/body-conversions.ts';

// Cloud's limits on one bulk request (Cloud v1 spec): 10 conversions in, 50 results out.
const mostConversionsPerRequest = 10;
const mostResultsPerRequest = 50;

/** Asynchronous body conversion: submit, then fetch the result by id within five minutes. */
export function v1BodyConversionRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.post(
      '/contentbody/convert/async/:to',
      {
        schema: { params: ConvertParams, querystring: ContextQuery, body: ConvertBody },
        schemaErrorFormatter: bodyRefusedAs(convertBodyRefusal),
      },
      async (request) => ({
        asyncId: await startBodyConversion(deps, request.principal, {
          to: request.params.to,
          context: request.surface.context,
          body: request.body,
          spaceKeyContext: request.query.spaceKeyContext,
          contentIdContext: request.query.contentIdContext,
        }),
      }),
    );

    app.get('/contentbody/convert/async/:id', { schema: { params: ConversionParams } }, async (request) =>
      presentV1AsyncBody(await findBodyConversion(deps, request.principal, request.params.id)),
    );

    app.post(
      '/contentbody/convert/async/bulk/tasks',
      { schema: { body: BulkConvertBody }, schemaErrorFormatter: bodyRefusedAs(bulkConvertBodyRefusal) },
      async (request) => {
        const inputs = request.body.conversionInputs;
        if (inputs.length === 0) {
          throw badRequest('conversionInputs must be a non-empty array', { field: 'conversionInputs' });
        }
        if (inputs.length > mostConversionsPerRequest) {
          throw badRequest(`At most ${mostConversionsPerRequest} conversions per request`);
        }
        const ids = [];
        for (const input of inputs) {
          ids.push({
            asyncId: await startBodyConversion(deps, request.principal, {
              to: input.to,
              context: request.surface.context,
              body: input.body,
              spaceKeyContext: input.spaceKeyContext,
              contentIdContext:
                input.contentIdContext === undefined ? undefined : String(input.contentIdContext),
            }),
          });
        }
        return ids;
      },
    );

    app.get(
      '/contentbody/convert/async/bulk/tasks',
      { schema: { querystring: ConversionIdsQuery } },
      async (request) => {
        const ids = [request.query.ids ?? []]
          .flat()
          .flatMap((value) => value.split(','))
          .map((id) => id.trim())
          .filter((id) => id !== '');
        if (ids.length === 0) throw badRequest('ids is required', { field: 'ids' });
        if (ids.length > mostResultsPerRequest) {
          throw badRequest(`At most ${mostResultsPerRequest} results per request`, { field: 'ids' });
        }
        // One unknown id does not spoil the others: it is answered as a failed task.
        return Promise.all(
          ids.map(async (id) => {
            try {
              return presentV1AsyncBody(await findBodyConversion(deps, request.principal, id));
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              return presentV1FailedConversion(id, error.message);
            }
          }),
        );
      },
    );
  };
}
