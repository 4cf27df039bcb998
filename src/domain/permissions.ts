import { badRequest } from './errors.ts';
import { isAdministrator, type Principal } from './principal.ts';

/**
 * Confluence's space permissions, as Data Center's REST API names them: a target type and an operation
 * key (`/rest/api/space/{key}/permissions/.../grant` lists exactly these pairs).
 */
export const spaceOperations = [
  'space:read',
  'space:administer',
  'space:export',
  'space:restrict',
  'space:delete_own',
  'space:delete_mail',
  'page:create',
  'page:delete',
  'blogpost:create',
  'blogpost:delete',
  'comment:create',
  'comment:delete',
  'attachment:create',
  'attachment:delete',
] as const;
export type SpaceOperation = (typeof spaceOperations)[number];

/** Global permissions (`/rest/api/permissions`); site administration itself is the administrators group. */
export const globalOperations = [
  'application:use',
  'application:administer',
  'space:create',
  'personal_space:create',
] as const;
export type GlobalOperation = (typeof globalOperations)[number];
export const defaultUserOperations: readonly GlobalOperation[] = [
  'application:use',
  'space:create',
  'personal_space:create',
];

/** Who a permission or restriction is given to. Anonymous grants also apply to signed-in users. */
export type PermissionSubject =
  | { kind: 'user'; userId: number }
  | { kind: 'group'; groupId: number }
  | { kind: 'anonymous' };

/** One string per subject, to compare or index subjects by (`user:7`, `group:3`, `anonymous`). */
export const subjectKey = (subject: PermissionSubject): string =>
  subject.kind === 'anonymous'
    ? 'anonymous'
    : subject.kind === 'user'
      ? `user:${subject.userId}`
      : `group:${subject.groupId}`;

/** `{"targetType":"page","operationKey":"create"}` on the wire. */
export interface OperationDescription {
  targetType: string;
  operationKey: string;
}

export function operationKeyOf(
  operation: SpaceOperation | GlobalOperation | UnlicensedOperation,
): OperationDescription {
  const [targetType = '', operationKey = ''] = operation.split(':');
  return { targetType, operationKey };
}

/** A wire operation as one of `allowed`, or a 400 naming what was sent. */
export function parseOperation<T extends string>(described: OperationDescription, allowed: readonly T[]): T {
  const candidate = `${described.targetType}:${described.operationKey}`;
  const found = allowed.find((operation) => operation === candidate);
  if (!found) {
    throw badRequest(
      `Unsupported permission: targetType '${described.targetType}', operationKey '${described.operationKey}'`,
    );
  }
  return found;
}

/** Wire operations, each one of `allowed`; anything else is a 400. */
export function parseOperations<T extends string>(
  described: readonly OperationDescription[],
  allowed: readonly T[],
): T[] {
  return described.map((entry) => parseOperation(entry, allowed));
}

/** What a new space grants: its creator everything; on a shared space, every user views and adds. */
export const creatorOperations: readonly SpaceOperation[] = spaceOperations;
export const memberOperations: readonly SpaceOperation[] = [
  'space:read',
  'space:delete_own',
  'page:create',
  'blogpost:create',
  'comment:create',
  'attachment:create',
];

/** Content types that space permissions name as targets. */
export type PermissionTarget = 'page' | 'blogpost' | 'comment' | 'attachment';

/**
 * The operations that concern the space itself rather than its content; an app access rule leaves them
 * (seed 004: a blocked app "can still read and write to space-level data").
 */
export const spaceLevelOperations: readonly SpaceOperation[] = ['space:read', 'space:administer'];

/** The operations one caller holds in one space, and the question every service asks of them. */
export class SpaceGrants {
  readonly #operations: ReadonlySet<SpaceOperation>;
  readonly #all: boolean;

  constructor(operations: Iterable<SpaceOperation>, all = false) {
    this.#operations = new Set(operations);
    this.#all = all;
  }

  /** Site administrators may do everything in every space. */
  static of(principal: Principal, operations: Iterable<SpaceOperation>): SpaceGrants {
    return new SpaceGrants(operations, isAdministrator(principal));
  }

  has(operation: SpaceOperation): boolean {
    return this.#all || this.#operations.has(operation);
  }

  list(): SpaceOperation[] {
    return this.#all
      ? [...spaceOperations]
      : spaceOperations.filter((operation) => this.#operations.has(operation));
  }

  /** What is left in a space an app is blocked from: space-level rights, none over its content. */
  withoutContent(): SpaceGrants {
    return new SpaceGrants(this.list().filter((operation) => spaceLevelOperations.includes(operation)));
  }
}

/** Content restrictions: `read` hides content (and what is below it); `update` limits who may edit it. */
export type RestrictionOperation = 'read' | 'update';
export const restrictionOperations: readonly RestrictionOperation[] = ['read', 'update'];

export interface Restriction {
  contentId: number;
  operation: RestrictionOperation;
  subject: { kind: 'user'; userId: number } | { kind: 'group'; groupId: number };
}

/** Who is asking, as far as restrictions and visibility care. */
export interface Viewer {
  /** null: anonymous (or the system). */
  userId: number | null;
  groupIds: readonly number[];
  isAdministrator: boolean;
  /** Spaces whose content an app access rule hides from the viewer, administrator or not; none if absent. */
  blockedSpaceIds?: readonly number[];
}

/** Whether the restrictions of one item (all of one operation) let the viewer through; none: open. */
export function passesRestrictions(viewer: Viewer, restrictions: readonly Restriction[]): boolean {
  if (restrictions.length === 0 || viewer.isAdministrator) return true;
  return restrictions.some(({ subject }) =>
    subject.kind === 'user' ? subject.userId === viewer.userId : viewer.groupIds.includes(subject.groupId),
  );
}

/**
 * What Data Center lets users without a licence do (`/rest/api/permissions/unlicensed`): use the site,
 * and read user profiles. Revoking the first takes the second with it, as DC does.
 */
export const unlicensedOperations = ['application:use_unlicensed', 'user:read'] as const;
export type UnlicensedOperation = (typeof unlicensedOperations)[number];
