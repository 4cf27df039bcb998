import { badRequest, forbidden, notFound } from '../../domain/errors.ts';
import { anonymousPrincipal, isAdministrator, type Principal } from '../../domain/principal.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { principalOfUser } from '../users/principal-of-user.ts';
import { requireVisibleContent } from './content-access.ts';
import { canViewContent, canViewSpace, contentRightsOf, groupContentRights, holdsGlobal } from './policy.ts';

export const checkableOperations = ['read', 'update', 'delete'] as const;
export type CheckableOperation = (typeof checkableOperations)[number];

/** Cloud's `ContentPermissionRequest`: a user (account id or `anonymous`) or group (id), and an operation. */
export interface PermissionCheckInput {
  subject?: { type?: string; identifier?: string };
  operation?: string;
}

/** The refusals of a request the check cannot read. */
export const operationRule = `operation must be one of ${checkableOperations.join(', ')}`;
export const subjectRule = 'subject must be {type: user or group, identifier}';

export interface PermissionCheck {
  hasPermission: boolean;
  /** Why not, in Cloud's words (PermissionCheckResponse); empty when permitted. */
  errors: string[];
}

/**
 * `POST /content/{id}/permission/check`: whether a user (by account id, or `anonymous`) or a group (by id)
 * may read, update or delete the content, through site permissions, space permissions and restrictions.
 * Checking oneself takes a signed-in caller; checking anyone else takes an administrator.
 */
export async function checkContentPermission(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  input: PermissionCheckInput,
): Promise<PermissionCheck> {
  requireSignedIn(principal);
  const operation = checkableOperations.find((candidate) => candidate === input.operation);
  if (!operation) {
    throw badRequest(operationRule, { field: 'operation' });
  }
  const { type, identifier } = input.subject ?? {};
  if ((type !== 'user' && type !== 'group') || identifier === undefined) {
    throw badRequest(subjectRule, { field: 'subject' });
  }
  const subject = { type, identifier };
  const content = await requireVisibleContent(deps, principal, contentId);
  const checkingSelf =
    subject.type === 'user' && principal.kind === 'user' && principal.user.accountId === subject.identifier;
  if (!checkingSelf && !isAdministrator(principal)) {
    throw forbidden("Checking another user's or a group's permissions needs an administrator");
  }
  if (subject.type === 'group') {
    const id = /^\d{1,15}$/.test(subject.identifier) ? Number(subject.identifier) : Number.NaN;
    const group = Number.isNaN(id) ? undefined : await deps.store.groups.findById(id);
    if (!group) throw notFound(`No group with id ${subject.identifier}`, { groupId: subject.identifier });
    const rights = await groupContentRights(deps, group, content);
    if (!rights.viewSpace) return refused('Group does not have permission to the space');
    return rights[operation] ? permitted : refused('Group does not have permission to the content');
  }

  const anonymous = subject.identifier === 'anonymous';
  const user = anonymous ? undefined : await deps.store.users.findByAccountId(subject.identifier);
  if (!anonymous && !user) {
    throw notFound(`No user with account id ${subject.identifier}`, { accountId: subject.identifier });
  }
  const who = anonymous ? 'Anonymous user' : 'User';
  const subjectPrincipal: Principal = user ? await principalOfUser(deps, user) : anonymousPrincipal;
  if ((user && !user.active) || !(await holdsGlobal(deps, subjectPrincipal, 'application:use'))) {
    return refused(
      anonymous
        ? 'Anonymous users are not allowed to use Confluence'
        : 'User is not allowed to use Confluence',
    );
  }
  const space = content.spaceId === null ? undefined : await deps.store.spaces.findById(content.spaceId);
  if (!space || !(await canViewSpace(deps, subjectPrincipal, space))) {
    return refused(`${who} does not have permission to the space`);
  }
  const allowed =
    operation === 'read'
      ? await canViewContent(deps, subjectPrincipal, content)
      : (await canViewContent(deps, subjectPrincipal, content)) &&
        (await contentRightsOf(deps, subjectPrincipal, content))[operation];
  return allowed ? permitted : refused(`${who} does not have permission to the content`);
}

const permitted: PermissionCheck = { hasPermission: true, errors: [] };
const refused = (message: string): PermissionCheck => ({ hasPermission: false, errors: [message] });
