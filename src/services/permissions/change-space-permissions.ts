import {
  type OperationDescription,
  parseOperations,
  spaceOperations,
  subjectKey,
} from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  parseSubjectOperations,
  resolveSubject,
  resolveSubjectOperations,
  type SubjectOperations,
  type SubjectRef,
} from './permission-subjects.ts';
import { requireSpaceAdmin } from './space-access.ts';

// Data Center refuses more than this many subjects in one request (spec of POST /space/{key}/permissions).
const maxSubjectsPerRequest = 40;

async function spaceToChange(deps: ServiceDeps, principal: Principal, spaceKey: string) {
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  return space;
}

/**
 * `PUT /space/{key}/permissions/{subject}/grant` and `…/revoke`: adds or removes the operations named,
 * leaving the subject's others as they are. Granting what is held, or revoking what is not, changes nothing.
 */
export async function changeSpacePermissions(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  ref: SubjectRef,
  change: 'grant' | 'revoke',
  described: readonly OperationDescription[],
): Promise<void> {
  const operations = parseOperations(described, spaceOperations);
  const space = await spaceToChange(deps, principal, spaceKey);
  const subject = await resolveSubject(deps, ref);
  await deps.store.transaction(async (repositories) => {
    if (change === 'grant') {
      await repositories.permissions.grantSpace(space.id, subject, operations, deps.clock.nowMs());
    } else {
      await repositories.permissions.revokeSpace(space.id, subject, operations);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: change === 'grant' ? 'Space permissions granted' : 'Space permissions revoked',
      objectType: 'space',
      objectId: space.key,
      details: { spaceId: space.id, subject: subjectKey(subject), operations },
    });
  });
}

/**
 * `POST /space/{key}/permissions`: for each subject named, the operations listed become exactly what it
 * holds (an empty list revokes everything); subjects not named keep theirs.
 */
export async function setSpacePermissions(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  entries: readonly SubjectOperations[],
): Promise<void> {
  const parsed = parseSubjectOperations(entries, spaceOperations, maxSubjectsPerRequest);
  const space = await spaceToChange(deps, principal, spaceKey);
  const resolved = await resolveSubjectOperations(deps, parsed);
  await deps.store.transaction(async (repositories) => {
    const nowMs = deps.clock.nowMs();
    for (const { subject, operations } of resolved) {
      const keep = new Set(operations);
      await repositories.permissions.revokeSpace(
        space.id,
        subject,
        spaceOperations.filter((operation) => !keep.has(operation)),
      );
      await repositories.permissions.grantSpace(space.id, subject, operations, nowMs);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space permissions set',
      objectType: 'space',
      objectId: space.key,
      details: {
        spaceId: space.id,
        subjects: resolved.map(({ subject, operations }) => ({ subject: subjectKey(subject), operations })),
      },
    });
  });
}
