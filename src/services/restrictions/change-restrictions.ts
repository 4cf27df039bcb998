import { type Content, treeContentTypes } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import {
  passesRestrictions,
  type Restriction,
  type RestrictionOperation,
  restrictionOperations,
  subjectKey,
} from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { type ContentRestrictions, describeRestrictions } from './describe-restrictions.ts';
import { distinctSubjects, type RestrictionSubject } from './restriction-input.ts';

export type LockoutRule = 'add-caller' | 'refuse';

/** The subjects of each operation's restriction on one item; an empty list leaves the operation open. */
export type SubjectSets = Record<RestrictionOperation, RestrictionSubject[]>;

export interface RestrictionChange {
  /** The audit record's summary. */
  summary: string;
  /** The sets wanted, from the current ones; runs in the transaction, so it may look users and groups up. */
  next(current: SubjectSets, repositories: MetadataRepositories): Promise<SubjectSets>;
  /**
   * What to do when the change would take the caller's own access away, asked after `next`. Setting
   * restrictions adds the caller (`add-caller`, as Confluence does); removing oneself by name is refused
   * (`refuse`), since adding them straight back would answer success for a change that did not happen.
   */
  whenCallerLocksOut: LockoutRule | (() => LockoutRule);
}

// Confluence sets per-content restrictions on pages and blog posts only; comments and attachments follow
// their container's (DC spec, PUT /content/{id}/restriction).
// Cloud's folders, whiteboards, databases, Smart Links and custom content are restricted as pages are.
const restrictable = new Set(['page', 'blogpost', ...treeContentTypes, 'custom']);

export function subjectSetsOf(restrictions: readonly Restriction[]): SubjectSets {
  const sets: SubjectSets = { read: [], update: [] };
  for (const { operation, subject } of restrictions) sets[operation].push(subject);
  return sets;
}

const sameSubjects = (a: readonly RestrictionSubject[], b: readonly RestrictionSubject[]) => {
  const keys = new Set(a.map(subjectKey));
  return a.length === b.length && b.every((subject) => keys.has(subjectKey(subject)));
};

/**
 * Confluence never lets a change to restrictions lock out the person making it: when the user setting a
 * restriction would not be let through by it (named neither directly nor through a group), it adds them
 * to it. Site administrators pass every restriction, so they are never added. Answers the operations the
 * caller was added to.
 */
async function keepCallerIn(
  repositories: MetadataRepositories,
  principal: Principal,
  content: Content,
  sets: SubjectSets,
): Promise<RestrictionOperation[]> {
  if (principal.kind !== 'user' || principal.isAdministrator) return [];
  const userId = principal.user.id;
  const viewer = { userId, groupIds: await repositories.groups.groupIdsOf(userId), isAdministrator: false };
  const added: RestrictionOperation[] = [];
  for (const operation of restrictionOperations) {
    const rows = sets[operation].map((subject) => ({ contentId: content.id, operation, subject }));
    if (!passesRestrictions(viewer, rows)) {
      sets[operation] = [...sets[operation], { kind: 'user', userId }];
      added.push(operation);
    }
  }
  return added;
}

/** How the audit log names a restriction's subjects: users, then groups, each alphabetically. */
async function namesOf(repositories: MetadataRepositories, subjects: readonly RestrictionSubject[]) {
  const users: string[] = [];
  const groups: string[] = [];
  for (const subject of subjects) {
    if (subject.kind === 'user') {
      const user = await repositories.users.findById(subject.userId);
      users.push(`user ${user?.username ?? `#${subject.userId}`}`);
    } else {
      const group = await repositories.groups.findById(subject.groupId);
      groups.push(`group ${group?.name ?? `#${subject.groupId}`}`);
    }
  }
  return [...users.sort(), ...groups.sort()].join(', ');
}

/**
 * Every change to a page's or blog post's restrictions: the caller must see the item (404 otherwise) and
 * hold the right to restrict it (403); the new sets and their audit record land in one transaction, and
 * the answer is the item's restrictions as they now are.
 */
export async function changeRestrictions(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  change: RestrictionChange,
): Promise<ContentRestrictions> {
  const content = await requireContentOfType(deps, principal, { id: contentId });
  if (!restrictable.has(content.type)) {
    throw badRequest(
      `Restrictions are set on pages and blog posts (and Cloud's other content types), not on a ${content.type}`,
      {
        contentId,
      },
    );
  }
  await requireRight(deps, principal, content, 'restrict');
  return deps.store.transaction(async (repositories) => {
    const before = subjectSetsOf(await repositories.permissions.restrictionsOf(content.id));
    const wanted = await change.next(before, repositories);
    const after: SubjectSets = {
      read: distinctSubjects(wanted.read),
      update: distinctSubjects(wanted.update),
    };
    const callerAdded = await keepCallerIn(repositories, principal, content, after);
    const rule =
      typeof change.whenCallerLocksOut === 'function'
        ? change.whenCallerLocksOut()
        : change.whenCallerLocksOut;
    if (callerAdded.length > 0 && rule === 'refuse') {
      throw badRequest(
        `This change would take away your own ${callerAdded.join(' and ')} access to ${content.type} ${content.id}`,
        { contentId: content.id },
      );
    }
    const changed = restrictionOperations.filter(
      (operation) => !sameSubjects(before[operation], after[operation]),
    );
    for (const operation of changed) {
      await repositories.permissions.replaceRestrictions(content.id, operation, after[operation]);
    }
    if (changed.length > 0) {
      const changes = [];
      for (const operation of changed) {
        changes.push({
          name: `${operation} restrictions`,
          before: await namesOf(repositories, before[operation]),
          after: await namesOf(repositories, after[operation]),
        });
      }
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Permissions',
        summary: change.summary,
        content,
        changes,
        details: { contentId: content.id, callerAdded },
      });
    }
    const restrictions = await repositories.permissions.restrictionsOf(content.id);
    return {
      content,
      operations: await describeRestrictions(repositories, restrictions, restrictionOperations),
    };
  });
}
