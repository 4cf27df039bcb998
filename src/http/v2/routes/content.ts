import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { findVisibleContents } from '../../../services/content/find-visible-contents.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { presentV2ContentTypes } from '../present/content-type.ts';
import { ConvertIdsBody } from '../schemas/content.ts';

// The spec caps `contentIds` at 100.
const maxContentIds = 100;

/** `contentIds`: strings or numbers, as the spec allows; each keeps its spelling as the answer's key. */
function contentIdsOf(raw: unknown): { key: string; id: number }[] {
  if (!Array.isArray(raw)) throw badRequest('contentIds must be an array of ids', { field: 'contentIds' });
  if (raw.length > maxContentIds) {
    throw badRequest(`contentIds takes at most ${maxContentIds} ids`, { field: 'contentIds' });
  }
  return raw.map((value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw badRequest('contentIds must hold strings or numbers', { field: 'contentIds' });
    }
    const key = String(value);
    return { key, id: parseContentId(key, 'contentIds') };
  });
}

/** Cloud v2 `/content`: the types of content ids, for clients moving from v1's untyped ids. */
export function v2ContentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.post('/content/convert-ids-to-types', { schema: { body: ConvertIdsBody } }, async (request) => {
      const asked = contentIdsOf(request.body.contentIds);
      const found = await findVisibleContents(
        deps,
        request.principal,
        asked.map((item) => item.id),
      );
      return presentV2ContentTypes(asked, found);
    });
  };
}
