import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { isLabelPrefix, type LabelInput, type LabelPrefix } from '../../../domain/label.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addContentLabels } from '../../../services/labels/add-content-labels.ts';
import { listContentLabels } from '../../../services/labels/list-content-labels.ts';
import { removeContentLabel } from '../../../services/labels/remove-content-label.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { pageOf, type WindowQuery, windowOf } from '../paging.ts';
import { presentV1Label } from '../present/label.ts';

// Both v1 specs default the label list to 200.
const labelListRules = { defaultLimit: 200, maxLimit: 200 };

type IdParams = { Params: { id: string } };

export function prefixOf(raw: string | undefined): LabelPrefix | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isLabelPrefix(raw))
    throw badRequest(`prefix must be global, my or team, not '${raw}'`, { field: 'prefix' });
  return raw;
}

/** `[{"prefix","name"}]`, one such object, or (as some older clients send) bare names. */
export function labelInputsOf(body: unknown): LabelInput[] {
  const items = Array.isArray(body) ? body : [body];
  if (body === null || body === undefined || typeof body !== 'object') {
    throw badRequest('The body must be a label {"prefix","name"} or a list of them');
  }
  return items.map((item): LabelInput => {
    if (typeof item === 'string') return { name: item };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw badRequest('Each label must be an object with a name', { field: 'name' });
    }
    const record = item as Record<string, unknown>;
    return { prefix: record.prefix, name: record.name };
  });
}

/** Labels on content, v1 and Data Center (api-reference.md §1.8). */
export function v1LabelRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<IdParams & { Querystring: WindowQuery & { prefix?: string } }>(
      '/content/:id/label',
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

    app.post<IdParams & { Body: unknown }>('/content/:id/label', async (request) => {
      const id = parseContentId(request.params.id);
      const { labels } = await addContentLabels(deps, request.principal, { id }, labelInputsOf(request.body));
      return pageOf(request, labels, { start: 0, limit: labelListRules.maxLimit }, presentV1Label);
    });

    // The query form exists for names the path cannot carry (with `/`); Cloud requires `name`.
    app.delete<IdParams & { Querystring: { name?: string } }>(
      '/content/:id/label',
      async (request, reply) => {
        const { name } = request.query;
        if (name === undefined || name === '') throw badRequest('name is required', { field: 'name' });
        await removeContentLabel(deps, request.principal, { id: parseContentId(request.params.id) }, name);
        return reply.status(204).send();
      },
    );

    app.delete<{ Params: { id: string; label: string } }>(
      '/content/:id/label/:label',
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
