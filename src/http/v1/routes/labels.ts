import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../../domain/errors.ts';
import { isLabelPrefix, type LabelInput, type LabelPrefix } from '../../../domain/label.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addContentLabels } from '../../../services/labels/add-content-labels.ts';
import { listContentLabels } from '../../../services/labels/list-content-labels.ts';
import { removeContentLabel } from '../../../services/labels/remove-content-label.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Label } from '../present/label.ts';
import {
  ContentIdParams,
  ContentLabelParams,
  LabelListQuery,
  LabelRemoveQuery,
  LabelsBody,
  labelsBodyRefusal,
} from '../schemas/labels.ts';

// Both v1 specs default the label list to 200.
const labelListRules = { defaultLimit: 200, maxLimit: 200 };

export function prefixOf(raw: string | undefined): LabelPrefix | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isLabelPrefix(raw))
    throw badRequest(`prefix must be global, my or team, not '${raw}'`, { field: 'prefix' });
  return raw;
}

/** `[{"prefix","name"}]`, one such object, or (as some older clients send) bare names. */
/** One label or a list of them, a bare string naming a global label. */
export function labelInputsOf(body: Static<typeof LabelsBody>): LabelInput[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map(
    (item): LabelInput =>
      typeof item === 'string' ? { name: item } : { prefix: item.prefix, name: item.name },
  );
}

/** Labels on content, v1 and Data Center (api-reference.md §1.8). */
export function v1LabelRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/content/:id/label',
      { schema: { params: ContentIdParams, querystring: LabelListQuery } },
      async (request) => {
        const window = windowOf(request.query, labelListRules);
        const { labels } = await listContentLabels(
          deps,
          request.principal,
          { id: parseContentId(request.params.id) },
          { prefix: prefixOf(request.query.prefix) },
          window,
        );
        return pageOf(request, labels, window, presentV1Label);
      },
    );

    app.post(
      '/content/:id/label',
      {
        schema: { params: ContentIdParams, body: LabelsBody },
        schemaErrorFormatter: bodyRefusedAs(labelsBodyRefusal),
      },
      async (request) => {
        const id = parseContentId(request.params.id);
        const { labels } = await addContentLabels(
          deps,
          request.principal,
          { id },
          labelInputsOf(request.body),
        );
        return pageOf(request, labels, { start: 0, limit: labelListRules.maxLimit }, presentV1Label);
      },
    );

    // The query form exists for names the path cannot carry (with `/`); Cloud requires `name`.
    app.delete(
      '/content/:id/label',
      { schema: { params: ContentIdParams, querystring: LabelRemoveQuery } },
      async (request, reply) => {
        const { name } = request.query;
        if (name === undefined || name === '') throw badRequest('name is required', { field: 'name' });
        await removeContentLabel(deps, request.principal, { id: parseContentId(request.params.id) }, name);
        return reply.status(204).send();
      },
    );

    app.delete(
      '/content/:id/label/:label',
      { schema: { params: ContentLabelParams } },
      async (request, reply) => {
        const { label } = request.params;
        if (label.includes('/')) {
          throw badRequest(
            `Label names with '/' cannot be removed by path; use ?name=${encodeURIComponent(label)}`,
            {
              field: 'label',
            },
          );
        }
        await removeContentLabel(deps, request.principal, { id: parseContentId(request.params.id) }, label);
        return reply.status(204).send();
      },
    );
  };
}
