import type { FastifyInstance } from 'fastify';
import { parseExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createTemplate } from '../../../services/templates/create-template.ts';
import { deleteTemplate } from '../../../services/templates/delete-template.ts';
import { listTemplates } from '../../../services/templates/list-templates.ts';
import { requireTemplate } from '../../../services/templates/template-access.ts';
import { updateTemplate } from '../../../services/templates/update-template.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Template } from '../present/template.ts';
import { joinedValue } from '../query-values.ts';
import { ExpandQuery } from '../schemas/common.ts';
import { TemplateBody, TemplateListQuery, TemplateParams } from '../schemas/templates.ts';
import { templateBodyRefusal, templateInputOf } from '../template-input.ts';

const listRules = { defaultLimit: 25, maxLimit: 100 };
const asksForBody = (expand: string | undefined) => parseExpansion(expand).has('body');

/**
 * Page templates of a space or of the site. Blueprint templates (`/template/blueprint`) come from
 * Confluence apps, which Tributary does not run, so that path is left unrouted (docs/coverage.md).
 */
export function v1TemplateRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/template/page', { schema: { querystring: TemplateListQuery } }, async (request) => {
      const window = windowOf(request.query, listRules);
      const { templates, space } = await listTemplates(
        deps,
        request.principal,
        joinedValue(request.query.spaceKey),
        window,
      );
      const withBody = asksForBody(request.query.expand);
      return pageOf(request, templates, window, (template) =>
        presentV1Template(template, space, request.surface, { withBody }),
      );
    });

    app.get(
      '/template/:id(^\\d+$)',
      { schema: { params: TemplateParams, querystring: ExpandQuery } },
      async (request) => {
        const { template, space } = await requireTemplate(deps, request.principal, request.params.id);
        return presentV1Template(template, space, request.surface, {
          withBody: asksForBody(request.query.expand),
        });
      },
    );

    const bodySchema = {
      schema: { body: TemplateBody },
      schemaErrorFormatter: bodyRefusedAs(templateBodyRefusal),
    };
    app.post('/template', bodySchema, async (request) => {
      const input = templateInputOf(request.body);
      const { template, space } = await createTemplate(deps, request.principal, input);
      return presentV1Template(template, space, request.surface, { withBody: true });
    });

    app.put('/template', bodySchema, async (request) => {
      const input = templateInputOf(request.body);
      const { template, space } = await updateTemplate(deps, request.principal, input);
      return presentV1Template(template, space, request.surface, { withBody: true });
    });

    app.delete('/template/:id(^\\d+$)', { schema: { params: TemplateParams } }, async (request, reply) => {
      await deleteTemplate(deps, request.principal, request.params.id);
      return reply.status(204).send();
    });
  };
}
