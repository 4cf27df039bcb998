import { badRequest } from '../../domain/errors.ts';
import {
  type Restriction,
  type RestrictionOperation,
  restrictionOperations,
  subjectKey,
} from '../../domain/permissions.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';

export type RestrictionSubject = Restriction['subject'];

/**
 * How a request names a user or group. Data Center names users by username or user key, Cloud by account
 * id (the route knows which surface it is on); groups go by name, and on Cloud also by id.
 */
export type UserRef = { kind: 'user'; by: 'username' | 'userKey' | 'accountId'; value: string };
export type GroupRef = { kind: 'group'; by: 'name' | 'id'; value: string };
export type SubjectRef = UserRef | GroupRef;

/** Confluence knows more operation keys (copy, move…), but content restrictions exist for these two. */
export function parseRestrictionOperation(raw: string | null | undefined): RestrictionOperation {
  const found = restrictionOperations.find((operation) => operation === raw);
  if (!found) {
    throw badRequest(
      `Unsupported restriction operation '${raw ?? ''}'; content restrictions are 'read' or 'update'`,
      { field: 'operation' },
    );
  }
  return found;
}

type Directory = Pick<MetadataRepositories, 'users' | 'groups'>;

/** The user or group a reference names; one that does not exist is a 400, never a silent no-op. */
export async function resolveSubject(directory: Directory, ref: SubjectRef): Promise<RestrictionSubject> {
  if (ref.kind === 'user') {
    const { users } = directory;
    const user =
      ref.by === 'username'
        ? await users.findByUsername(ref.value)
        : ref.by === 'userKey'
          ? await users.findByUserKey(ref.value)
          : await users.findByAccountId(ref.value);
    if (!user) throw badRequest(`No user found with ${ref.by}: ${ref.value}`, { [ref.by]: ref.value });
    return { kind: 'user', userId: user.id };
  }
  const group =
    ref.by === 'name'
      ? await directory.groups.findByName(ref.value)
      : /^\d{1,15}$/.test(ref.value)
        ? await directory.groups.findById(Number(ref.value))
        : undefined;
  if (!group) {
    const what = ref.by === 'name' ? 'name' : 'id';
    throw badRequest(`No group found with ${what}: ${ref.value}`, { group: ref.value });
  }
  return { kind: 'group', groupId: group.id };
}

export async function resolveSubjects(
  directory: Directory,
  refs: readonly SubjectRef[],
): Promise<RestrictionSubject[]> {
  const subjects: RestrictionSubject[] = [];
  for (const ref of refs) subjects.push(await resolveSubject(directory, ref));
  return subjects;
}

/** Each subject once, in the order first given. */
export function distinctSubjects(subjects: readonly RestrictionSubject[]): RestrictionSubject[] {
  const seen = new Map<string, RestrictionSubject>();
  for (const subject of subjects) if (!seen.has(subjectKey(subject))) seen.set(subjectKey(subject), subject);
  return [...seen.values()];
}
