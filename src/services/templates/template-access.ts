import type { ContentBody, Space } from '../../domain/content.ts';
import { badRequest, forbidden, notFound } from '../../domain/errors.ts';
import { checkLabel } from '../../domain/label.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Template } from '../../domain/template.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { canViewSpace, holdsGlobal } from '../permissions/policy.ts';
import { requireSpaceAdministrator } from '../permissions/space-access.ts';

/** Global templates are for whoever may use the site; a space's for whoever may view the space. */
export async function requireTemplateVisible(
  deps: ServiceDeps,
  principal: Principal,
  template: Template,
): Promise<Space | undefined> {
  const missing = () => notFound(`No template with id ${template.id}`, { templateId: template.id });
  if (template.spaceId === null) {
    if (!(await holdsGlobal(deps, principal, 'application:use'))) throw missing();
    return undefined;
  }
  const space = await deps.store.spaces.findById(template.spaceId);
  if (!space || !(await canViewSpace(deps, principal, space))) throw missing();
  return space;
}

/** Changing a global template takes an administrator; a space's, an administrator of the space. */
export async function requireTemplateAdministrator(
  deps: ServiceDeps,
  principal: Principal,
  space: Space | undefined,
): Promise<void> {
  if (principal.kind === 'anonymous') throw forbidden('Anonymous users may not change templates');
  if (space) await requireSpaceAdministrator(deps, principal, space);
  else requireAdministrator(principal);
}

export async function requireTemplate(deps: ServiceDeps, principal: Principal, rawId: string) {
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : Number.NaN;
  if (Number.isNaN(id)) throw badRequest(`A template id is a number, not '${rawId}'`);
  const template = await deps.store.templates.findById(id);
  if (!template) throw notFound(`No template with id ${rawId}`, { templateId: rawId });
  const space = await requireTemplateVisible(deps, principal, template);
  return { template, space };
}

/** ContentTemplateCreate and ContentTemplateUpdate, as the client sent them. */
export interface TemplateInput {
  name?: string;
  templateType?: string;
  /** The body in one of the stored representations (`bodyFromInput`). */
  body?: ContentBody;
  description?: string;
  labels?: readonly { prefix?: string; name: string }[];
}

/** The checked fields of ContentTemplateCreate and ContentTemplateUpdate. */
export function templateFieldsOf(input: TemplateInput) {
  const name = input.name?.trim() ?? '';
  if (name.length === 0 || name.length > 255) {
    throw badRequest('A template name must have 1 to 255 characters', { field: 'name' });
  }
  if (input.templateType !== 'page') throw badRequest('templateType must be page', { field: 'templateType' });
  const { body } = input;
  if (!body) throw badRequest('A template needs a body, such as body.storage', { field: 'body' });
  const description = input.description ?? '';
  if (description.length > 255) {
    throw badRequest('A template description is text of at most 255 characters', { field: 'description' });
  }
  const labels = (input.labels ?? []).map((label) => checkLabel(label));
  return { name, body, description, labels };
}

/** The labels as the site knows them (made when new), for the template to show with their ids. */
export async function ensureTemplateLabels(
  repositories: MetadataRepositories,
  labels: ReturnType<typeof templateFieldsOf>['labels'],
) {
  const ensured = [];
  for (const label of labels) ensured.push(await repositories.labels.ensure(label.prefix, label.name));
  return ensured;
}
