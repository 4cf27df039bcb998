import type { Content, Space } from '../../domain/content.ts';
import { contentNotFound, forbidden } from '../../domain/errors.ts';
import {
  type GlobalOperation,
  type PermissionTarget,
  passesRestrictions,
  type Restriction,
  type RestrictionOperation,
  SpaceGrants,
  type SpaceOperation,
  type Viewer,
} from '../../domain/permissions.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import { administratorsGroup, type User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The one place that answers "may this caller do this to that". Three layers, as in Confluence: global
 * permissions (site administrators may do everything; creating spaces is granted), space permissions
 * (what each user, group or anonymous may do in a space; anonymous grants hold for everyone), and
 * content restrictions (`read` hides an item and everything below it; `update` limits who edits it).
 * Listings and CQL apply the same view rule inside the SQL (adapters/metadata/sql/visibility.ts).
 * App access rules come on top, for requests made with an app's token (`isBlockedFromSpace`).
 */

/** The view rule reads nothing but the store, so the metadata contract can ask it of any adapter. */
type StoreDeps = Pick<ServiceDeps, 'store'>;

/**
 * What is known about one principal's rights: their groups, what they hold in each space, what their app
 * is blocked from. Kept across requests while the store's permission generation stands still (it moves
 * with every change to users, groups, grants, restrictions, tokens or apps: ports/metadata-store.ts);
 * where the store has none (PostgreSQL, shared by several nodes), only for the one request, as the
 * principal object is made afresh for each.
 */
interface Facts {
  generation: number | undefined;
  viewer?: Promise<Viewer>;
  grants: Map<number, Promise<SpaceGrants>>;
  blocks?: Promise<ReadonlySet<number>>;
}

const perRequest = new WeakMap<Principal, Facts>();
const acrossRequests = new WeakMap<object, Map<string, Facts>>();
// Principals in use at once are few; the cap only guards memory.
const rememberedPrincipals = 10_000;

/** The identity behind a principal's rights: the same user through the same app, with the same standing. */
function keyOf(principal: Principal): string {
  if (principal.kind !== 'user') return principal.kind;
  return `${principal.user.id}/${principal.app?.id ?? ''}/${principal.isAdministrator}`;
}

function factsOf(deps: StoreDeps, principal: Principal): Facts {
  const generation = deps.store.permissionGeneration?.();
  if (generation === undefined) {
    // The anonymous principal may be the one shared object: nothing is remembered against it then.
    if (principal.kind !== 'user') return { generation, grants: new Map() };
    let facts = perRequest.get(principal);
    if (!facts) {
      facts = { generation, grants: new Map() };
      perRequest.set(principal, facts);
    }
    return facts;
  }
  let byKey = acrossRequests.get(deps.store);
  if (!byKey) {
    byKey = new Map();
    acrossRequests.set(deps.store, byKey);
  }
  const key = keyOf(principal);
  let facts = byKey.get(key);
  if (facts?.generation !== generation) {
    if (byKey.size >= rememberedPrincipals) byKey.clear();
    facts = { generation, grants: new Map() };
    byKey.set(key, facts);
  }
  return facts;
}

/** A failed read is not remembered: the next question asks the store again. */
function unlessFailed<T>(answer: Promise<T>, forget: () => void): Promise<T> {
  answer.catch(forget);
  return answer;
}

/**
 * Whether a signed-in user counts as a site administrator: a member of confluence-administrators
 * (directly or through groups inside it), or the holder of a live admin key (domain/admin-key.ts) who
 * still holds the global permission to administer the site. Asked once per request, at sign-in.
 */
export async function administersSite(deps: ServiceDeps, user: User): Promise<boolean> {
  if (await deps.store.groups.isMember(user.id, administratorsGroup)) return true;
  if (!(await deps.store.adminKeys.findLive(user.id, deps.clock.nowMs()))) return false;
  return (await deps.store.permissions.globalOperationsOf(user.id)).includes('application:administer');
}

/** The spaces the app behind the request is blocked from; none when the request came without an app. */
export function blockedSpaceIdsOf(deps: StoreDeps, principal: Principal): Promise<ReadonlySet<number>> {
  if (principal.kind !== 'user' || !principal.app) return Promise.resolve(new Set());
  const { app } = principal;
  const facts = factsOf(deps, principal);
  facts.blocks ??= unlessFailed(
    deps.store.apps.blockedSpaceIdsOf(app.id).then((ids) => new Set(ids)),
    () => delete facts.blocks,
  );
  return facts.blocks;
}

/**
 * App access rules (seed 004): an app blocked from a space loses the space's content, whatever its user
 * may do there. Reads answer as if the content did not exist, changes to it are refused as changes to
 * invisible content are, and nothing can be added; space-level data (the space itself, its permissions
 * and properties), users, groups and the audit log stay as the user's rights have them.
 */
async function isBlockedFromSpace(deps: StoreDeps, principal: Principal, spaceId: number) {
  return (await blockedSpaceIdsOf(deps, principal)).has(spaceId);
}

const blockedMessage = (principal: Principal) =>
  `The app '${principal.kind === 'user' ? principal.app?.name : ''}' is blocked from the content of this space`;

/** Changes to a whole space's content (deleting the space, emptying its trash) need it within reach. */
export async function requireSpaceContentReach(deps: ServiceDeps, principal: Principal, space: Space) {
  if (await isBlockedFromSpace(deps, principal, space.id)) {
    throw forbidden(blockedMessage(principal), { spaceKey: space.key });
  }
}

export function viewerOf(deps: StoreDeps, principal: Principal): Promise<Viewer> {
  if (principal.kind !== 'user') {
    return Promise.resolve({ userId: null, groupIds: [], isAdministrator: isAdministrator(principal) });
  }
  const { user } = principal;
  const facts = factsOf(deps, principal);
  facts.viewer ??= unlessFailed(
    Promise.all([deps.store.groups.groupIdsOf(user.id), blockedSpaceIdsOf(deps, principal)]).then(
      ([groupIds, blocked]) => ({
        userId: user.id,
        groupIds,
        isAdministrator: principal.isAdministrator,
        ...(blocked.size > 0 && { blockedSpaceIds: [...blocked] }),
      }),
    ),
    () => delete facts.viewer,
  );
  return facts.viewer;
}

/** What the caller may do in a space: what their user holds, less the content if their app is blocked. */
async function spaceGrantsOf(deps: StoreDeps, principal: Principal, spaceId: number): Promise<SpaceGrants> {
  const held = await grantsHeld(deps, principal, spaceId);
  return (await isBlockedFromSpace(deps, principal, spaceId)) ? held.withoutContent() : held;
}

function grantsHeld(deps: StoreDeps, principal: Principal, spaceId: number): Promise<SpaceGrants> {
  if (isAdministrator(principal)) return Promise.resolve(SpaceGrants.of(principal, []));
  const bySpace = factsOf(deps, principal).grants;
  let granted = bySpace.get(spaceId);
  if (!granted) {
    granted = unlessFailed(
      deps.store.permissions
        .spaceOperationsOf(spaceId, principal.kind === 'user' ? principal.user.id : null)
        .then((held) => SpaceGrants.of(principal, held)),
      () => bySpace.delete(spaceId),
    );
    bySpace.set(spaceId, granted);
  }
  return granted;
}

export async function holdsGlobal(deps: ServiceDeps, principal: Principal, operation: GlobalOperation) {
  if (isAdministrator(principal)) return true;
  const userId = principal.kind === 'user' ? principal.user.id : null;
  return (await deps.store.permissions.globalOperationsOf(userId)).includes(operation);
}

/** Every space operation the caller holds in the space (v2 `GET /spaces/{id}/operations`). */
export async function spaceOperationsHeld(
  deps: ServiceDeps,
  principal: Principal,
  space: Space,
): Promise<SpaceOperation[]> {
  return (await spaceGrantsOf(deps, principal, space.id)).list();
}

export async function canViewSpace(deps: ServiceDeps, principal: Principal, space: Space): Promise<boolean> {
  return (await spaceGrantsOf(deps, principal, space.id)).has('space:read');
}

/** Whether the restrictions of `operation` on the item and above it let the caller through. */
async function passes(
  deps: StoreDeps,
  principal: Principal,
  content: Content,
  operation: RestrictionOperation,
) {
  if (isAdministrator(principal)) return true;
  const restrictions = await deps.store.permissions.restrictionsAbove(content.id, operation);
  if (restrictions.length === 0) return true;
  return passesEveryItem(await viewerOf(deps, principal), restrictions);
}

/** Every restricted item on the way up must let the viewer through, not just one of them. */
function passesEveryItem(viewer: Viewer, restrictions: readonly Restriction[]) {
  const items = new Set(restrictions.map((restriction) => restriction.contentId));
  return [...items].every((contentId) =>
    passesRestrictions(
      viewer,
      restrictions.filter((restriction) => restriction.contentId === contentId),
    ),
  );
}

export async function canViewContent(deps: StoreDeps, principal: Principal, content: Content) {
  if (content.spaceId === null) return false;
  if (await isBlockedFromSpace(deps, principal, content.spaceId)) return false;
  if (!(await spaceGrantsOf(deps, principal, content.spaceId)).has('space:read')) return false;
  return passes(deps, principal, content, 'read');
}

/** The type whose space permissions govern an item: attachments and comments have their own. */
function targetOf(content: Pick<Content, 'type'>): PermissionTarget {
  return content.type === 'attachment' || content.type === 'comment' || content.type === 'blogpost'
    ? content.type
    : 'page';
}

/** What a caller who can see an item may do to it (v2 `operations`, and every write below). */
export interface ContentRights {
  update: boolean;
  delete: boolean;
  purge: boolean;
  restrict: boolean;
}

export async function contentRightsOf(
  deps: ServiceDeps,
  principal: Principal,
  content: Content,
): Promise<ContentRights> {
  const none = { update: false, delete: false, purge: false, restrict: false };
  if (content.spaceId === null || principal.kind === 'anonymous') return none;
  if (await isBlockedFromSpace(deps, principal, content.spaceId)) return none;
  const grants = await spaceGrantsOf(deps, principal, content.spaceId);
  const target = targetOf(content);
  // An attachment or comment is edited under its container's edit restrictions; a page under its own.
  const mayEdit = grants.has(`${target}:create`) && (await updateRestrictionsPass(deps, principal, content));
  const own = principal.kind === 'user' && content.creatorId === principal.user.id;
  // As in Confluence, a comment is edited by whoever wrote it (or a space administrator), not by
  // everyone who may comment.
  const mayEditThis = content.type === 'comment' ? own || grants.has('space:administer') : true;
  return {
    update: mayEdit && mayEditThis,
    delete: grants.has(`${target}:delete`) || (own && grants.has('space:delete_own')),
    purge: grants.has('space:administer'),
    restrict: mayEdit && (grants.has('space:restrict') || grants.has('space:administer')),
  };
}

async function updateRestrictionsPass(deps: ServiceDeps, principal: Principal, content: Content) {
  if (isAdministrator(principal)) return true;
  const governing =
    content.type === 'attachment' || content.type === 'comment' ? content.containerId : content.id;
  if (governing === null) return true;
  const restrictions = await deps.store.permissions.restrictionsOf(governing);
  const update = restrictions.filter((restriction) => restriction.operation === 'update');
  return passesRestrictions(await viewerOf(deps, principal), update);
}

/**
 * Whether the caller may delete any attachment of the space at all: any of them (its delete right) or
 * their own (`delete_own`). A bulk trash asks once, rather than being refused item by item.
 */
export async function mayDeleteSomeAttachmentIn(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
): Promise<boolean> {
  if (principal.kind === 'anonymous') return false;
  const grants = await spaceGrantsOf(deps, principal, spaceId);
  return grants.has('attachment:delete') || grants.has('space:delete_own');
}

/** A change the caller may not make to content they can see is a 403. */
export async function requireRight(
  deps: ServiceDeps,
  principal: Principal,
  content: Content,
  right: keyof ContentRights,
): Promise<void> {
  if (principal.kind === 'anonymous') throw forbidden('Anonymous users may not change content');
  if (content.spaceId !== null && (await isBlockedFromSpace(deps, principal, content.spaceId))) {
    throw contentNotFound(content.id);
  }
  if (!(await contentRightsOf(deps, principal, content))[right]) {
    throw forbidden(`You are not permitted to ${rightWords[right]} ${content.type} ${content.id}`, {
      contentId: content.id,
    });
  }
}

const rightWords: Record<keyof ContentRights, string> = {
  update: 'edit',
  delete: 'delete',
  purge: 'purge',
  restrict: 'set restrictions on',
};

/**
 * Adding a page, blog post, comment or attachment to a space. An attachment also needs the right to edit
 * the page it goes on (`container`), as its edit restrictions say.
 */
export async function requireCreate(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  type: Pick<Content, 'type'>,
  container?: Content,
): Promise<void> {
  if (principal.kind === 'anonymous') throw forbidden('Anonymous users may not change content');
  if (await isBlockedFromSpace(deps, principal, spaceId)) {
    throw forbidden(blockedMessage(principal), { spaceId });
  }
  const target = targetOf(type);
  const allowed =
    (await spaceGrantsOf(deps, principal, spaceId)).has(`${target}:create`) &&
    (container === undefined || (await updateRestrictionsPass(deps, principal, container)));
  if (!allowed) {
    const article = /^[aeiou]/.test(type.type) ? 'an' : 'a';
    throw forbidden(`You are not permitted to add ${article} ${type.type} here`, { spaceId });
  }
}

/**
 * What the members of one group may do to an item by virtue of that group alone (and what everyone may),
 * for `POST /content/{id}/permission/check` with a group subject: the same three layers as for a caller,
 * read with the group in place of a user. The administrators group may do everything.
 */
export async function groupContentRights(
  deps: ServiceDeps,
  group: { id: number; name: string },
  content: Content,
): Promise<{ viewSpace: boolean; read: boolean; update: boolean; delete: boolean }> {
  if (group.name === administratorsGroup) return { viewSpace: true, read: true, update: true, delete: true };
  const none = { viewSpace: false, read: false, update: false, delete: false };
  if (content.spaceId === null) return none;
  const held = (await deps.store.permissions.spacePermissions(content.spaceId))
    .filter(
      ({ subject }) =>
        subject.kind === 'anonymous' || (subject.kind === 'group' && subject.groupId === group.id),
    )
    .map((grant) => grant.operation);
  const grants = new SpaceGrants(held);
  if (!grants.has('space:read')) return none;
  const viewer: Viewer = { userId: null, groupIds: [group.id], isAdministrator: false };
  const read = passesEveryItem(viewer, await deps.store.permissions.restrictionsAbove(content.id, 'read'));
  const governing =
    content.type === 'attachment' || content.type === 'comment' ? content.containerId : content.id;
  const updateRestrictions =
    governing === null
      ? []
      : (await deps.store.permissions.restrictionsOf(governing)).filter(
          (restriction) => restriction.operation === 'update',
        );
  const target = targetOf(content);
  return {
    viewSpace: true,
    read,
    update: read && grants.has(`${target}:create`) && passesRestrictions(viewer, updateRestrictions),
    delete: read && grants.has(`${target}:delete`),
  };
}

export async function canAdministerSpace(deps: ServiceDeps, principal: Principal, space: Space) {
  return (await spaceGrantsOf(deps, principal, space.id)).has('space:administer');
}
