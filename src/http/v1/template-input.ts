import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { bodyFromInput } from '../../domain/content-rules.ts';
import { badRequest } from '../../domain/errors.ts';
import { labelPrefixes } from '../../domain/label.ts';
import type { TemplateInput } from '../../services/templates/template-access.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { TemplateBody } from './schemas/templates.ts';

/** A refused template body, in the words the template use cases used before the schema checked it. */
export function templateBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field, index, key] = refusedPathOf(errors);
  switch (field) {
    case undefined:
      return badRequest('The body must be a JSON object describing the template');
    case 'templateId':
      return badRequest('templateId is required', { field });
    case 'name':
      return badRequest('A template name must have 1 to 255 characters', { field });
    case 'templateType':
      return badRequest('templateType must be page', { field });
    case 'body':
      return badRequest('body must be an object');
    case 'description':
      return badRequest('A template description is text of at most 255 characters', { field });
    case 'labels':
      if (index === undefined) return badRequest('labels must be an array of {prefix, name}', { field });
      return key === 'prefix'
        ? badRequest(`Label prefix must be one of ${labelPrefixes.join(', ')}`, { field: 'prefix' })
        : badRequest('A label needs a name', { field: 'name' });
    default:
      return badRequest('space must be an object with the key of a space', { field });
  }
}

/** The template a `POST` or `PUT /template` body describes, with its space's key and (on PUT) its id. */
export function templateInputOf(
  body: Static<typeof TemplateBody>,
): TemplateInput & { templateId?: string; spaceKey?: string } {
  return {
    templateId: body?.templateId ?? undefined,
    name: body?.name ?? undefined,
    templateType: body?.templateType ?? undefined,
    body: bodyFromInput(body?.body),
    description: body?.description ?? undefined,
    labels: body?.labels,
    spaceKey: body?.space?.key ?? undefined,
  };
}
