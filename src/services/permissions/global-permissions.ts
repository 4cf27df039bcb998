import {
  type GlobalOperation,
  globalOperations,
  type OperationDescription,
  parseOperations,
  subjectKey,
} from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  type DescribedPermission,
  describeGrants,
  parseSubjectOperations,
  resolveSubject,
  resolveSubjectOperations,
  type SubjectOperations,
  type SubjectRef,
} from './permission-subjects.ts';

/**
 * Data Center's global permissions (`/rest/api/permissions`): who may use the site and create spaces.
 * Site administration itself is membership of confluence-administrators. Only administrators read or
 * change them.
 */

export async function listGlobalPermissions(
  deps: ServiceDeps,
  principal: Principal,
  only?: SubjectRef,
): Promise<DescribedPermission<GlobalOperation>[]> {
  requireAdministrator(principal);
  return describeGrants(deps, await deps.store.permissions.globalPermissions(), only);
}

/** `PUT /permissions/{subject}/grant|revoke`. */
export async function changeGlobalPermissions(
  deps: ServiceDeps,
  principal: Principal,
  ref: SubjectRef,
  change: 'grant' | 'revoke',
  described: readonly OperationDescription[],
): Promise<void> {
  requireAdministrator(principal);
  const operations = parseOperations(described, globalOperations);
  const subject = await resolveSubject(deps, ref);
  await deps.store.transaction(async (repositories) => {
    if (change === 'grant')
      await repositories.permissions.grantGlobal(subject, operations, deps.clock.nowMs());
    else await repositories.permissions.revokeGlobal(subject, operations);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: change === 'grant' ? 'Global permissions granted' : 'Global permissions revoked',
      objectType: 'global',
      details: { subject: subjectKey(subject), operations },
    });
  });
}

/** `PUT /permissions`: each subject named holds exactly the operations listed; others keep theirs. */
export async function setGlobalPermissions(
  deps: ServiceDeps,
  principal: Principal,
  entries: readonly SubjectOperations[],
) {
  requireAdministrator(principal);
  const resolved = await resolveSubjectOperations(deps, parseSubjectOperations(entries, globalOperations));
  await deps.store.transaction(async (repositories) => {
    for (const { subject, operations } of resolved) {
      const keep = new Set(operations);
      await repositories.permissions.revokeGlobal(
        subject,
        globalOperations.filter((operation) => !keep.has(operation)),
      );
      await repositories.permissions.grantGlobal(subject, operations, deps.clock.nowMs());
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Global permissions set',
      objectType: 'global',
      details: {
        subjects: resolved.map(({ subject, operations }) => ({ subject: subjectKey(subject), operations })),
      },
    });
  });
}
