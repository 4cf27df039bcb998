import { badRequest, notFound } from '../../domain/errors.ts';
import {
  type OperationDescription,
  type PermissionSubject,
  parseOperations,
  subjectKey,
} from '../../domain/permissions.ts';
import type { GrantedPermission } from '../../ports/metadata-store.ts';
import type { ServiceDeps } from '../deps.ts';

/** A subject as the REST paths and bodies name it: `anonymous`, `group/{groupName}`, `user/{userKey}`. */
export type SubjectRef =
  | { kind: 'anonymous' }
  | { kind: 'group'; groupName: string }
  | { kind: 'user'; userKey: string };

/** A subject with what clients show of it. */
export type DescribedSubject =
  | { kind: 'anonymous' }
  | { kind: 'group'; groupId: number; name: string }
  | {
      kind: 'user';
      userId: number;
      userKey: string;
      accountId: string;
      username: string;
      displayName: string;
    };

export async function resolveSubject(deps: ServiceDeps, ref: SubjectRef): Promise<PermissionSubject> {
  if (ref.kind === 'anonymous') return ref;
  if (ref.kind === 'group') {
    const group = await deps.store.groups.findByName(ref.groupName);
    if (!group) throw notFound(`No group named ${ref.groupName}`, { groupName: ref.groupName });
    return { kind: 'group', groupId: group.id };
  }
  const user = await deps.store.users.findByUserKey(ref.userKey);
  if (!user) throw notFound(`No user with key ${ref.userKey}`, { userKey: ref.userKey });
  return { kind: 'user', userId: user.id };
}

/** A subject as a set-per-subject body names it: a `userKey` or a `groupName`, neither for anonymous. */
export interface SubjectNames {
  userKey?: string;
  groupName?: string;
}

/** Each subject of a whole set with exactly the operations it is to hold (`SpacePermissionsForSubject`). */
export interface SubjectOperations extends SubjectNames {
  operations?: readonly OperationDescription[];
}

/** `{"userKey": …}`, `{"groupName": …}`, or neither for anonymous, as `SpacePermissionsForSubject` has it. */
export function subjectRefOf(entry: SubjectNames): SubjectRef {
  if (entry.userKey !== undefined && entry.groupName !== undefined) {
    throw badRequest('Name either a userKey or a groupName, not both');
  }
  if (entry.userKey !== undefined && entry.userKey !== '') return { kind: 'user', userKey: entry.userKey };
  if (entry.groupName !== undefined && entry.groupName !== '') {
    return { kind: 'group', groupName: entry.groupName };
  }
  if (entry.userKey !== undefined || entry.groupName !== undefined) {
    throw badRequest('userKey and groupName must be non-empty strings');
  }
  return { kind: 'anonymous' };
}

/** Names and keys of the subjects, for presenting; subjects that are gone are left out. */
export async function describeSubjects(
  deps: ServiceDeps,
  subjects: readonly PermissionSubject[],
): Promise<Map<string, DescribedSubject>> {
  const described = new Map<string, DescribedSubject>();
  for (const subject of subjects) {
    const key = subjectKey(subject);
    if (described.has(key)) continue;
    if (subject.kind === 'anonymous') described.set(key, subject);
    else if (subject.kind === 'group') {
      const group = await deps.store.groups.findById(subject.groupId);
      if (group) described.set(key, { kind: 'group', groupId: group.id, name: group.name });
    } else {
      const user = await deps.store.users.findById(subject.userId);
      if (user) {
        described.set(key, {
          kind: 'user',
          userId: user.id,
          userKey: user.userKey,
          accountId: user.accountId,
          username: user.username,
          displayName: user.displayName,
        });
      }
    }
  }
  return described;
}

export interface DescribedPermission<Operation> {
  id: number;
  subject: DescribedSubject;
  operation: Operation;
}

/** Grants with their subjects described, only those of `only` when it is given. */
export async function describeGrants<Operation>(
  deps: ServiceDeps,
  granted: readonly GrantedPermission<Operation>[],
  only?: SubjectRef,
): Promise<DescribedPermission<Operation>[]> {
  const wanted = only && subjectKey(await resolveSubject(deps, only));
  const kept =
    wanted === undefined ? granted : granted.filter((grant) => subjectKey(grant.subject) === wanted);
  const subjects = await describeSubjects(
    deps,
    kept.map((grant) => grant.subject),
  );
  return kept.flatMap((grant) => {
    const subject = subjects.get(subjectKey(grant.subject));
    return subject ? [{ id: grant.id, subject, operation: grant.operation }] : [];
  });
}

/** The subjects of a set-per-subject request with their operations, at most `maxSubjects` when given. */
export function parseSubjectOperations<Operation extends string>(
  entries: readonly SubjectOperations[],
  allowed: readonly Operation[],
  maxSubjects?: number,
): { ref: SubjectRef; operations: Operation[] }[] {
  if (maxSubjects !== undefined && entries.length > maxSubjects) {
    throw badRequest(`At most ${maxSubjects} users or groups can be changed in one request`);
  }
  return entries.map((entry) => ({
    ref: subjectRefOf(entry),
    operations: parseOperations(entry.operations ?? [], allowed),
  }));
}

/** Each named subject resolved, so every name is checked before anything changes. */
export function resolveSubjectOperations<Operation>(
  deps: ServiceDeps,
  parsed: readonly { ref: SubjectRef; operations: Operation[] }[],
): Promise<{ subject: PermissionSubject; operations: Operation[] }[]> {
  return Promise.all(
    parsed.map(async ({ ref, operations }) => ({ subject: await resolveSubject(deps, ref), operations })),
  );
}
