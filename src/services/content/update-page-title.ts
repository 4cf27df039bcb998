import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireContentOfType } from './require-content-of-type.ts';
import { updateContent } from './update-content.ts';

export interface UpdatePageTitleInput {
  title?: string | undefined;
  /** Which page the caller means to retitle: its status must be this one (`current` or `draft`). */
  status?: string | undefined;
}

/**
 * v2 `PUT /pages/{id}/title`: a new version with the new title and the body unchanged. The caller names
 * no version, so the next number is taken; a change landing in between is still caught by the version
 * rule (409), and a title another page in the space has is refused as any edit's would be (400).
 */
export async function updatePageTitle(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: UpdatePageTitleInput,
): Promise<Content> {
  if (input.status !== 'current' && input.status !== 'draft') {
    throw badRequest('status is required: current or draft', { field: 'status' });
  }
  if (input.title === undefined) {
    throw badRequest('title is required', { field: 'title' });
  }
  // Trashed pages are restored through PUT /pages/{id}, not by a new title.
  const page = await requireContentOfType(deps, principal, { id, types: ['page'] }, ['current', 'draft']);
  if (page.status !== input.status) {
    throw badRequest(`Page ${id} is ${page.status}, not ${input.status}`, { field: 'status' });
  }
  return updateContent(deps, principal, id, {
    types: ['page'],
    versionNumber: page.version.number + 1,
    title: input.title,
    status: page.status,
  });
}
