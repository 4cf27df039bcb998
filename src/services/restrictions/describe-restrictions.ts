import type { Content } from '../../domain/content.ts';
import type { Restriction, RestrictionOperation } from '../../domain/permissions.ts';
import type { Group, User } from '../../domain/user.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';

/** The users and groups one operation of one item is restricted to. */
export interface OperationRestrictions {
  operation: RestrictionOperation;
  users: User[];
  groups: Group[];
}

/** What the restriction endpoints answer with: the item and its own restrictions, by operation. */
export interface ContentRestrictions {
  content: Content;
  operations: OperationRestrictions[];
}

type Directory = Pick<MetadataRepositories, 'users' | 'groups'>;

/**
 * The people behind the restriction rows, per operation in the order asked. A row whose user or group has
 * since been deleted still restricts (so the item stays closed rather than opening up) but names nobody.
 */
export async function describeRestrictions(
  directory: Directory,
  restrictions: readonly Restriction[],
  operations: readonly RestrictionOperation[],
): Promise<OperationRestrictions[]> {
  const described: OperationRestrictions[] = [];
  for (const operation of operations) {
    const users: User[] = [];
    const groups: Group[] = [];
    for (const { subject } of restrictions.filter((restriction) => restriction.operation === operation)) {
      if (subject.kind === 'user') {
        const user = await directory.users.findById(subject.userId);
        if (user) users.push(user);
      } else {
        const group = await directory.groups.findById(subject.groupId);
        if (group) groups.push(group);
      }
    }
    described.push({ operation, users, groups });
  }
  return described;
}
