import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { convertBody } from '../../../services/content/convert-body.ts';
import { startBodyConversion } from '../../../services/content/convert-body-async.ts';
import { getMacro } from '../../../services/content/get-macro.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { presentV1ConvertedBody } from '../present/content-body.ts';
import { presentV1Macro } from '../present/macro.ts';
import { MacroConversionParams, MacroHashParams, MacroParams } from '../schemas/macros.ts';

interface VersionParams {
  id: string;
  version: string;
}

const versionOf = (raw: string) => {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw badRequest(`version must be a version number such as 1, not '${raw}'`, { field: 'version' });
  }
  return Number(raw);
};

/**
 * A macro of one version of a page, read from its storage body: `…/history/{version}/macro/id/{macroId}`
 * (both), `…/macro/hash/{hash}` (DC), and `…/macro/id/{macroId}/convert/{to}` (Cloud), which renders the
 * macro's markup as the contentbody converter does.
 */
export function v1MacroRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const macroOf = (
      request: { params: VersionParams; principal: FastifyRequest['principal'] },
      idOrHash: string,
    ) =>
      getMacro(
        deps,
        request.principal,
        parseContentId(request.params.id),
        versionOf(request.params.version),
        idOrHash,
      );
    const selfPath = (request: FastifyRequest) =>
      (request.originalUrl.split('?')[0] ?? '').slice(request.surface.context.length);

    app.get(
      '/content/:id/history/:version/macro/id/:macroId',
      { schema: { params: MacroParams } },
      async (request) =>
        presentV1Macro(await macroOf(request, request.params.macroId), request.surface, selfPath(request)),
    );

    app.get(
      '/content/:id/history/:version/macro/hash/:hash',
      { schema: { params: MacroHashParams } },
      async (request) =>
        presentV1Macro(await macroOf(request, request.params.hash), request.surface, selfPath(request)),
    );

    app.get(
      '/content/:id/history/:version/macro/id/:macroId/convert/:to',
      { schema: { params: MacroConversionParams } },
      async (request) => {
        const macro = await macroOf(request, request.params.macroId);
        const converted = convertBody({ representation: 'storage', value: macro.markup }, request.params.to, {
          context: request.surface.context,
          contentId: parseContentId(request.params.id),
        });
        return presentV1ConvertedBody(converted);
      },
    );

    // The asynchronous form keeps the result with the other asynchronous conversions, fetched from
    // `GET /contentbody/convert/async/{id}`.
    app.get(
      '/content/:id/history/:version/macro/id/:macroId/convert/async/:to',
      { schema: { params: MacroConversionParams } },
      async (request) => {
        const macro = await macroOf(request, request.params.macroId);
        return {
          asyncId: await startBodyConversion(deps, request.principal, {
            to: request.params.to,
            context: request.surface.context,
            body: { representation: 'storage', value: macro.markup },
            contentIdContext: String(parseContentId(request.params.id)),
          }),
        };
      },
    );
  };
}
