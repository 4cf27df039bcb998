import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { type CopyPageInput, destinationRule } from '../../services/content/copy-page.ts';
import type { CopyPageHierarchyInput } from '../../services/content/copy-page-hierarchy.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { CopyHierarchyBody, CopyPageBody } from './schemas/content-tree.ts';

/** A refused `POST /content/{id}/copy` body, in the words the copy use case used before the schema. */
export function copyPageBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field] = refusedPathOf(errors);
  switch (field) {
    case undefined:
      return badRequest('The body must be a JSON object describing the copy');
    case 'destination':
      return badRequest(destinationRule, { field });
    case 'pageTitle':
      return badRequest('Title cannot be empty', { field: 'title' });
    case 'body':
      return badRequest('body must carry storage or editor2 with a value', { field });
    default:
      return badRequest(`${field} must be true or false`, { field });
  }
}

/** The copy a body asks for; a null option is one not asked for. */
export function copyPageInputOf(body: Static<typeof CopyPageBody>): CopyPageInput {
  return {
    destination: body?.destination ?? undefined,
    pageTitle: body?.pageTitle,
    body: body?.body ?? undefined,
    copyAttachments: body?.copyAttachments ?? undefined,
    copyLabels: body?.copyLabels ?? undefined,
    copyProperties: body?.copyProperties ?? undefined,
    copyPermissions: body?.copyPermissions ?? undefined,
  };
}

const destinationPageIdRule = 'destinationPageId must be a page id';

/** A refused `POST /content/{id}/pagehierarchy/copy` body, in the words the use case used before the schema. */
export function copyHierarchyBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field, option] = refusedPathOf(errors);
  switch (field) {
    case undefined:
      return badRequest('The body must be a JSON object describing the copy');
    case 'destinationPageId':
      return badRequest(destinationPageIdRule, { field });
    case 'titleOptions':
      return option === undefined
        ? badRequest('titleOptions must be an object', { field })
        : badRequest('titleOptions prefix, search and replace must be strings', { field });
    default:
      return badRequest(`${field} must be true or false`, { field });
  }
}

/** The hierarchy copy a body asks for; the destination is a page id in digits, as the spec's string. */
export function copyHierarchyInputOf(body: Static<typeof CopyHierarchyBody>): CopyPageHierarchyInput {
  const destination = body?.destinationPageId;
  if (typeof destination !== 'string' || !/^\d{1,15}$/.test(destination)) {
    throw badRequest(destinationPageIdRule, { field: 'destinationPageId' });
  }
  return {
    destinationPageId: Number(destination),
    copyAttachments: body?.copyAttachments ?? undefined,
    copyLabels: body?.copyLabels ?? undefined,
    copyProperties: body?.copyProperties ?? undefined,
    copyPermissions: body?.copyPermissions ?? undefined,
    copyDescendants: body?.copyDescendants ?? undefined,
    titleOptions: body?.titleOptions ?? undefined,
  };
}
